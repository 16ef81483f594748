using TechSupport.Domain;

namespace TechSupport.Application.Seeding;

// One demo production of seed/productions.json. The deadline is days from the moment of seeding, so
// the demo always has jobs due soon (and one inside the 48 hours of rule E7).
public sealed record ProductionSeed(
    string Name,
    string? Kind,
    Classification Classification,
    DeliverableSpec? DeliverableSpec,
    double? DeliveryInDays);
