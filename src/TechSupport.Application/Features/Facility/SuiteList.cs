using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;

namespace TechSupport.Application.Features.Facility;

// Suites are not confidential: everyone who logs faults needs to pick one.
public sealed record SuiteList : IQuery<Page<SuiteView>>;

public sealed class SuiteListHandler(TechSupportDbContext db, ICurrentUser user) : IQueryHandler<SuiteList, Page<SuiteView>>
{
    public async ValueTask<Page<SuiteView>> Handle(SuiteList query, CancellationToken cancellationToken)
    {
        var suites = await db.Suites.AsNoTracking().Include(s => s.Equipment).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var revisions = await db.ConfigurationRevisions.AsNoTracking().GroupBy(r => r.SuiteId)
            .Select(g => new { SuiteId = g.Key, Number = g.Max(r => r.Number) })
            .ToDictionaryAsync(r => r.SuiteId, r => r.Number, cancellationToken);
        // S3: the fault that took a suite out of service is named only to those who may see it.
        var outOfService = suites.Select(s => s.OutOfServiceFaultId).OfType<Guid>().ToArray();
        var visible = outOfService.Length == 0
            ? []
            : await db.Faults.AsNoTracking().VisibleTo(user).Where(f => outOfService.Contains(f.Id)).Select(f => f.Id)
                .ToHashSetAsync(cancellationToken);
        var items = suites.Select(s => new SuiteView(s.Id, s.Name, s.SuiteType,
                revisions.TryGetValue(s.Id, out var n) ? n : null,
                s.Equipment.OrderBy(e => e.Kind).ThenBy(e => e.Make).Select(EquipmentView.From).ToList(),
                s.OutOfServiceSince,
                s.OutOfServiceFaultId is { } faultId && visible.Contains(faultId) ? faultId : null))
            .ToList();
        return new Page<SuiteView>(items.Count, items);
    }
}
