namespace TechSupport.Search;

/// <summary>
/// The caller, as the engine filters for them. Every query carries one; the engine never returns a
/// hit, a facet count, a suggestion or a similar document that this caller may not see.
/// </summary>
/// <param name="UserId">The caller's id (a security incident is visible to its reporter).</param>
/// <param name="ManagerRank">Manager or Admin: sees Confidential without clearance, never Restricted.</param>
/// <param name="ClearedProductionIds">The productions the caller is cleared for.</param>
public sealed record SearchAccess(Guid UserId, bool ManagerRank, IReadOnlyCollection<Guid> ClearedProductionIds);
