using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;

namespace TechSupport.Application.Features.Faults;

public sealed record FaultDetails(Guid Id) : IQuery<FaultView>;

public sealed class FaultDetailsHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<FaultDetails, FaultView>
{
    public async ValueTask<FaultView> Handle(FaultDetails query, CancellationToken cancellationToken)
    {
        var fault = await db.VisibleFaultAsync(user, query.Id, cancellationToken);
        return await db.ViewAsync(fault, user, clock.GetUtcNow(), cancellationToken);
    }
}
