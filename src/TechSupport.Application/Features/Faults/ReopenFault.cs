using FluentValidation;
using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Escalation;

namespace TechSupport.Application.Features.Faults;

// Anyone who can see a fault may reopen it: the operator is the first to know a fix did not hold.
public sealed record ReopenFault(Guid Id, string? Reason, int? ExpectedVersion = null) : ICommand<FaultView>, IVersioned;

public sealed class ReopenFaultValidator : AbstractValidator<ReopenFault>
{
    public ReopenFaultValidator() =>
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why the fault is back.").MaximumLength(1_000);
}

public sealed class ReopenFaultHandler(FaultWork work) : ICommandHandler<ReopenFault, FaultView>
{
    public async ValueTask<FaultView> Handle(ReopenFault command, CancellationToken cancellationToken)
    {
        var fault = await work.LoadAsync(command.Id, command, cancellationToken);
        fault.Reopen(command.Reason!, work.Actor, await work.PolicyAsync(cancellationToken), work.Now);
        return await work.DoneAsync(fault, FaultChange.Reopened, cancellationToken);
    }
}
