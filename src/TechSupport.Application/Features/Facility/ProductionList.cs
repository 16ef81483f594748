using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;

namespace TechSupport.Application.Features.Facility;

public sealed record ProductionList : IQuery<Page<ProductionView>>;

public sealed class ProductionListHandler(TechSupportDbContext db, ICurrentUser user)
    : IQueryHandler<ProductionList, Page<ProductionView>>
{
    public async ValueTask<Page<ProductionView>> Handle(ProductionList query, CancellationToken cancellationToken)
    {
        var items = await db.Productions.AsNoTracking().VisibleTo(user).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return new Page<ProductionView>(items.Count, items.Select(ProductionView.From).ToList());
    }
}
