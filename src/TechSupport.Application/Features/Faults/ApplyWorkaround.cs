using FluentValidation;
using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Data.Configurations;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

[RequiresRole(Role.Engineer)]
public sealed record ApplyWorkaround(Guid Id, string? Description, Acceptability? Acceptability, string? Conditions,
    int? ExpectedVersion = null) : ICommand<FaultView>, IVersioned;

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
    }
}

public sealed class ApplyWorkaroundHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<ApplyWorkaround, FaultView>
{
    public async ValueTask<FaultView> Handle(ApplyWorkaround command, CancellationToken cancellationToken)
    {
        var fault = await db.VisibleFaultAsync(user, command.Id, cancellationToken);
        fault.CheckVersion(command);
        fault.ApplyWorkaround(command.Description!, command.Acceptability!.Value, command.Conditions, user.Actor,
            clock.GetUtcNow());
        return await db.ViewAsync(fault, cancellationToken);
    }
}
