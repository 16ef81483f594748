namespace TechSupport.Domain;

// PC8: the fix, why it happened, which component versions it applies to, and whether it held.
public sealed record Resolution(
    string Fix,
    string? RootCause,
    string? AppliesTo,
    Effectiveness Effectiveness,
    DateTimeOffset ResolvedAt,
    Guid? ResolvedById);
