using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;

namespace TechSupport.Application.Features.Faults;

public sealed record FaultDetails(Guid Id) : IQuery<FaultView>;

public sealed class FaultDetailsHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock, ReadAudit reads)
    : IQueryHandler<FaultDetails, FaultView>
{
    public async ValueTask<FaultView> Handle(FaultDetails query, CancellationToken cancellationToken)
    {
        var fault = await db.VisibleFaultAsync(user, query.Id, cancellationToken);
        await reads.RecordAsync(fault.Classification, nameof(Domain.Fault), fault.Id, "fault", cancellationToken);
        return await db.ViewAsync(fault, user, clock.GetUtcNow(), cancellationToken);
    }
}
