using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

internal static class FaultLoading
{
    // The fault in the route, as the caller may see it; absent and hidden read the same (S3).
    public static async Task<Fault> VisibleFaultAsync(this TechSupportDbContext db, ICurrentUser user, Guid id,
        CancellationToken ct) =>
        await db.Faults.VisibleTo(user)
            .Include(f => f.Suite).Include(f => f.Equipment).Include(f => f.Production).Include(f => f.Workarounds)
            .Include(f => f.Firings)
            .AsSplitQuery()
            .SingleOrDefaultAsync(f => f.Id == id, ct)
        ?? throw new NotFoundException("fault");

    // A stale If-Match is refused before anything changes.
    public static void CheckVersion(this Fault fault, IVersioned command)
    {
        if (command.ExpectedVersion is { } expected && expected != fault.Version)
        {
            throw new PreconditionFailedException();
        }
    }

    public static async Task<FaultView> ViewAsync(this TechSupportDbContext db, Fault fault, ICurrentUser user, DateTimeOffset now,
        CancellationToken ct)
    {
        var people = await db.NamesAsync([fault.ReportedById, fault.AssigneeId], ct);
        var recurring = await db.RecurringProblemsAsync(user, [fault], ct);
        return FaultView.From(fault, people, now, recurring);
    }

    // E6: the faults of each recurring problem, as far as the caller may see them (S3).
    public static async Task<Dictionary<Guid, List<FaultRef>>> RecurringProblemsAsync(this TechSupportDbContext db,
        ICurrentUser user, IEnumerable<Fault> faults, CancellationToken ct)
    {
        var problems = faults.Select(f => f.RecurringProblemId).OfType<Guid>().Distinct().ToArray();
        if (problems.Length == 0)
        {
            return [];
        }

        var members = await db.Faults.AsNoTracking().VisibleTo(user)
            .Where(f => f.RecurringProblemId != null && problems.Contains(f.RecurringProblemId.Value))
            .OrderBy(f => f.CreatedAt)
            .Select(f => new { Problem = f.RecurringProblemId!.Value, f.Id, f.Number, f.Status })
            .ToListAsync(ct);
        return members.GroupBy(m => m.Problem)
            .ToDictionary(g => g.Key, g => g.Select(m => new FaultRef(m.Id, FaultNumber.Format(m.Number), m.Status)).ToList());
    }
}
