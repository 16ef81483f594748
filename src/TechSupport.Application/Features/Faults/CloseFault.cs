using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

[RequiresRole(Role.Engineer)]
public sealed record CloseFault(Guid Id, int? ExpectedVersion = null) : ICommand<FaultView>, IVersioned;

public sealed class CloseFaultHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<CloseFault, FaultView>
{
    public async ValueTask<FaultView> Handle(CloseFault command, CancellationToken cancellationToken)
    {
        var fault = await db.VisibleFaultAsync(user, command.Id, cancellationToken);
        fault.CheckVersion(command);
        fault.Close(user.Actor, user.Viewer.HasManagerRank, clock.GetUtcNow());
        return await db.ViewAsync(fault, cancellationToken);
    }
}
