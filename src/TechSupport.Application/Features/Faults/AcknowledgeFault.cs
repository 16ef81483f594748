using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

[RequiresRole(Role.Engineer)]
public sealed record AcknowledgeFault(Guid Id, int? ExpectedVersion = null) : ICommand<FaultView>, IVersioned;

public sealed class AcknowledgeFaultHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<AcknowledgeFault, FaultView>
{
    public async ValueTask<FaultView> Handle(AcknowledgeFault command, CancellationToken cancellationToken)
    {
        var fault = await db.VisibleFaultAsync(user, command.Id, cancellationToken);
        fault.CheckVersion(command);
        fault.Acknowledge(user.Actor, clock.GetUtcNow());
        return await db.ViewAsync(fault, cancellationToken);
    }
}
