using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

// Every production with its classification, Restricted included, so an administrator can grant
// clearances for it (DESIGN: administration is not a clearance). A listing of names only: it opens
// none of the production's faults, articles or attachments.
[RequiresRole(Role.Admin)]
public sealed record AdministeredProductions : IQuery<Page<ProductionListing>>;

public sealed record ProductionListing(Guid Id, string Name, Classification Classification);

public sealed class AdministeredProductionsHandler(TechSupportDbContext db)
    : IQueryHandler<AdministeredProductions, Page<ProductionListing>>
{
    public async ValueTask<Page<ProductionListing>> Handle(AdministeredProductions query, CancellationToken cancellationToken)
    {
        var items = await db.Productions.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new ProductionListing(p.Id, p.Name, p.Classification)).ToListAsync(cancellationToken);
        return new Page<ProductionListing>(items.Count, items);
    }
}
