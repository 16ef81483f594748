using FluentValidation;
using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Escalation;
using TechSupport.Application.Notifications;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

// Escalation by hand: to the tier asked for, or one tier up; a tier never goes down.
[RequiresRole(Role.Engineer)]
public sealed record EscalateFault(Guid Id, string? Reason, SupportTier? Tier = null, int? ExpectedVersion = null)
    : ICommand<FaultView>, IVersioned;

public sealed class EscalateFaultValidator : AbstractValidator<EscalateFault>
{
    public EscalateFaultValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why the fault needs a higher tier.").MaximumLength(1_000);
        RuleFor(x => x.Tier).IsInEnum();
    }
}

public sealed class EscalateFaultHandler(FaultWork work, Notifier notifier) : ICommandHandler<EscalateFault, FaultView>
{
    public async ValueTask<FaultView> Handle(EscalateFault command, CancellationToken cancellationToken)
    {
        var fault = await work.LoadAsync(command.Id, command, cancellationToken);
        if (command.Tier is { } tier && tier <= fault.Tier)
        {
            throw Invalid.Field("tier", $"The fault is at {SupportTiers.Name(fault.Tier)} already; an escalation only goes up.");
        }

        fault.Escalate(command.Tier, command.Reason!, work.Actor, work.Now);
        // E2's audience for an escalation by hand too: the new tier and the assignee.
        await notifier.NotifyAsync(fault, NotificationKind.Escalated,
            $"escalated to {SupportTiers.Name(fault.Tier)} by {work.Actor.Name}: {command.Reason!.Trim()}",
            [fault.AssigneeId], fault.Tier, work.Actor.Id, cancellationToken);
        return await work.DoneAsync(fault, FaultChange.Escalated, cancellationToken);
    }
}
