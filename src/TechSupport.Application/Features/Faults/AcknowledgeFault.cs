using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Escalation;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

[RequiresRole(Role.Engineer)]
public sealed record AcknowledgeFault(Guid Id, int? ExpectedVersion = null) : ICommand<FaultView>, IVersioned;

public sealed class AcknowledgeFaultHandler(FaultWork work) : ICommandHandler<AcknowledgeFault, FaultView>
{
    public async ValueTask<FaultView> Handle(AcknowledgeFault command, CancellationToken cancellationToken)
    {
        var fault = await work.LoadAsync(command.Id, command, cancellationToken);
        fault.Acknowledge(work.Actor, work.Now);
        return await work.DoneAsync(fault, FaultChange.Acknowledged, cancellationToken);
    }
}
