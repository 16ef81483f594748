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

    public static async Task<FaultView> ViewAsync(this TechSupportDbContext db, Fault fault, CancellationToken ct)
    {
        var people = await db.NamesAsync([fault.ReportedById, fault.AssigneeId], ct);
        return FaultView.From(fault, people);
    }
}
