using FluentValidation;
using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data.Configurations;
using TechSupport.Application.Escalation;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

// Changes: what the workaround changes about the picture or sound, by aspect (frameRate: "25",
// bitDepth: "8"); checked against the production's deliverable spec (K9), and the conflicts come
// back on the workaround. One that endangers the deliverable escalates (E8).
[RequiresRole(Role.Engineer)]
public sealed record ApplyWorkaround(Guid Id, string? Description, Acceptability? Acceptability, string? Conditions,
    int? ExpectedVersion = null, IReadOnlyDictionary<string, string?>? Changes = null) : ICommand<FaultView>, IVersioned
{
    public static readonly string[] Aspects = [.. Enum.GetNames<DeliverableAspect>().Select(n => char.ToLowerInvariant(n[0]) + n[1..])];

    // Call only when the validator passed.
    public IReadOnlyList<WorkaroundChange> ParsedChanges() => WorkaroundChanges.Parse(Changes);
}

public sealed class ApplyWorkaroundValidator : AbstractValidator<ApplyWorkaround>
{
    public ApplyWorkaroundValidator()
    {
        RuleFor(x => x.Description).NotEmpty().WithMessage("Say what keeps work going.")
            .MaximumLength(FaultConfiguration.TextLength);
        RuleFor(x => x.Acceptability).NotNull().WithMessage("Say whether it is acceptable for the deliverables.").IsInEnum();
        RuleFor(x => x.Conditions).NotEmpty().WithMessage("Give the conditions under which it is acceptable.")
            .When(x => x.Acceptability == Acceptability.AcceptableWithConditions);
        RuleFor(x => x.Conditions).MaximumLength(WorkaroundConfiguration.ConditionsLength);
        RuleFor(x => x.Changes).Custom(WorkaroundChanges.Validate);
    }
}

public sealed class ApplyWorkaroundHandler(FaultWork work) : ICommandHandler<ApplyWorkaround, FaultView>
{
    public async ValueTask<FaultView> Handle(ApplyWorkaround command, CancellationToken cancellationToken)
    {
        var fault = await work.LoadAsync(command.Id, command, cancellationToken);
        fault.ApplyWorkaround(command.Description!, command.Acceptability!.Value, command.Conditions, work.Actor, work.Now,
            command.ParsedChanges());
        return await work.DoneAsync(fault, FaultChange.WorkaroundApplied, cancellationToken);
    }
}
