using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;

namespace TechSupport.Application.Features.Facility;

// Suites are not confidential: everyone who logs faults needs to pick one.
public sealed record SuiteList : IQuery<Page<SuiteView>>;

public sealed class SuiteListHandler(TechSupportDbContext db) : IQueryHandler<SuiteList, Page<SuiteView>>
{
    public async ValueTask<Page<SuiteView>> Handle(SuiteList query, CancellationToken cancellationToken)
    {
        var suites = await db.Suites.AsNoTracking().Include(s => s.Equipment).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var revisions = await db.ConfigurationRevisions.AsNoTracking().GroupBy(r => r.SuiteId)
            .Select(g => new { SuiteId = g.Key, Number = g.Max(r => r.Number) })
            .ToDictionaryAsync(r => r.SuiteId, r => r.Number, cancellationToken);
        var items = suites.Select(s => new SuiteView(s.Id, s.Name, s.SuiteType,
                revisions.TryGetValue(s.Id, out var n) ? n : null,
                s.Equipment.OrderBy(e => e.Kind).ThenBy(e => e.Make).Select(EquipmentView.From).ToList()))
            .ToList();
        return new Page<SuiteView>(items.Count, items);
    }
}
