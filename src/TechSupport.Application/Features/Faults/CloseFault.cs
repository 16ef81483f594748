using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Escalation;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

[RequiresRole(Role.Engineer)]
public sealed record CloseFault(Guid Id, int? ExpectedVersion = null) : ICommand<FaultView>, IVersioned;

public sealed class CloseFaultHandler(FaultWork work, ICurrentUser user) : ICommandHandler<CloseFault, FaultView>
{
    public async ValueTask<FaultView> Handle(CloseFault command, CancellationToken cancellationToken)
    {
        var fault = await work.LoadAsync(command.Id, command, cancellationToken);
        // E4: a manager's close is the sign-off that returns the suite to service.
        fault.Close(work.Actor, user.Role == Role.Manager || user.Role == Role.Admin, work.Now);
        return await work.DoneAsync(fault, FaultChange.Closed, cancellationToken);
    }
}
