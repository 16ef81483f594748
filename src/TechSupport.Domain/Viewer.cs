namespace TechSupport.Domain;

// Who is looking: what the access policy needs to decide, and nothing more.
public sealed record Viewer(Guid UserId, Role Role, Guid[] ClearedProductionIds)
{
    public static Viewer Nobody { get; } = new(Guid.Empty, Role.Operator, []);

    // Admin sees what a Manager sees (DESIGN: visibility by role).
    public bool HasManagerRank => Role is Role.Manager or Role.Admin;

    public bool IsClearedFor(Guid? productionId) =>
        productionId is { } id && ClearedProductionIds.Contains(id);
}
