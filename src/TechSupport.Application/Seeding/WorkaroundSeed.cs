using TechSupport.Domain;

namespace TechSupport.Application.Seeding;

// What kept work going for a fault template, and whether that is fit for deliverables (K9).
public sealed record WorkaroundSeed(string Description, Acceptability Acceptability, string? Conditions = null);
