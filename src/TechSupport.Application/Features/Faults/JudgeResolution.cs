using FluentValidation;
using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Escalation;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

// PC8: an engineer may judge a fix partly effective; Effective and Ineffective are the rules' to set.
[RequiresRole(Role.Engineer)]
public sealed record JudgeResolution(Guid Id, Effectiveness? Effectiveness, string? Note, int? ExpectedVersion = null)
    : ICommand<FaultView>, IVersioned;

public sealed class JudgeResolutionValidator : AbstractValidator<JudgeResolution>
{
    public JudgeResolutionValidator()
    {
        RuleFor(x => x.Effectiveness).NotNull().WithMessage("Give the effectiveness: Partial.")
            .Equal(Effectiveness.Partial).WithMessage("Only Partial is set by hand; Effective and Ineffective come from recurrence and reopening.");
        RuleFor(x => x.Note).MaximumLength(1_000);
    }
}

public sealed class JudgeResolutionHandler(FaultWork work) : ICommandHandler<JudgeResolution, FaultView>
{
    public async ValueTask<FaultView> Handle(JudgeResolution command, CancellationToken cancellationToken)
    {
        var fault = await work.LoadAsync(command.Id, command, cancellationToken);
        fault.MarkPartlyEffective(command.Note, work.Actor, work.Now);
        return await work.DoneAsync(fault, FaultChange.Commented, cancellationToken);
    }
}
