using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Domain;

namespace TechSupport.Application.Data;

public static class QueryExtensions
{
    public static IQueryable<Fault> VisibleTo(this IQueryable<Fault> faults, ICurrentUser user) =>
        faults.Where(AccessPolicy.FaultsVisibleTo(user.Viewer));

    public static IQueryable<Production> VisibleTo(this IQueryable<Production> productions, ICurrentUser user) =>
        productions.Where(AccessPolicy.ProductionsVisibleTo(user.Viewer));

    // Display names for the people a page mentions, in one query.
    public static async Task<Dictionary<Guid, string>> NamesAsync(this TechSupportDbContext db,
        IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToArray();
        if (wanted.Length == 0)
        {
            return [];
        }

        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    // Names of productions as the caller may read them: one they may not see is named only by
    // its classification, so granting a clearance never reveals what the production is (S3).
    public static async Task<Dictionary<Guid, string>> ProductionNamesAsync(this TechSupportDbContext db, ICurrentUser user,
        IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToArray();
        var visible = await db.Productions.AsNoTracking().VisibleTo(user).Where(p => wanted.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return wanted.ToDictionary(id => id, id => visible.GetValueOrDefault(id, "(a production you are not cleared for)"));
    }

    public static async Task<int> NextFaultNumberAsync(this TechSupportDbContext db, CancellationToken ct)
    {
        // The update takes the write lock first, so two writers never read the same value.
        await db.Counters.Where(c => c.Name == Counter.FaultNumber)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, c => c.Value + 1), ct);
        return await db.Counters.Where(c => c.Name == Counter.FaultNumber).Select(c => c.Value).SingleAsync(ct);
    }
}
