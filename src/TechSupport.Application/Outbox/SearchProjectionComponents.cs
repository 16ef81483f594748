using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;
using TechSupport.Search;

namespace TechSupport.Application.Outbox;

// The configuration an operator's suite has now, as the engine compares it with each fix's.
public sealed class SearchProjectionComponents(TechSupportDbContext db, SearchProjection projection)
{
    public async Task<IReadOnlyList<ComponentKey>> ForSuiteAsync(Guid? suiteId, Guid? equipmentId, CancellationToken ct)
    {
        var keys = new List<ComponentKey>();
        if (suiteId is { } id)
        {
            var revision = await db.ConfigurationRevisions.AsNoTracking().Where(r => r.SuiteId == id)
                .OrderByDescending(r => r.Number).Select(r => r.Id).FirstOrDefaultAsync(ct);
            if (revision != Guid.Empty)
            {
                keys.AddRange((await projection.ComponentsAsync([revision], ct)).GetValueOrDefault(revision, []));
            }
        }

        if (equipmentId is { } item
            && await db.Equipment.AsNoTracking().Where(e => e.Id == item).Select(e => new { e.Make, e.Model, e.Firmware })
                .SingleOrDefaultAsync(ct) is { } equipment)
        {
            keys.Add(new ComponentKey($"{equipment.Make} {equipment.Model}", equipment.Firmware ?? ""));
        }

        return keys;
    }
}
