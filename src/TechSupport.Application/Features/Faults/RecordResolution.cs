using FluentValidation;
using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Escalation;
using TechSupport.Application.Data.Configurations;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

[RequiresRole(Role.Engineer)]
public sealed record RecordResolution(Guid Id, string? Fix, string? RootCause, string? AppliesTo, int? ExpectedVersion = null)
    : ICommand<FaultView>, IVersioned;

public sealed class RecordResolutionValidator : AbstractValidator<RecordResolution>
{
    public RecordResolutionValidator()
    {
        RuleFor(x => x.Fix).NotEmpty().WithMessage("Say what fixed it.").MaximumLength(FaultConfiguration.TextLength);
        RuleFor(x => x.RootCause).MaximumLength(FaultConfiguration.TextLength);
        RuleFor(x => x.AppliesTo).MaximumLength(500);
    }
}

public sealed class RecordResolutionHandler(FaultWork work) : ICommandHandler<RecordResolution, FaultView>
{
    public async ValueTask<FaultView> Handle(RecordResolution command, CancellationToken cancellationToken)
    {
        var fault = await work.LoadAsync(command.Id, command, cancellationToken);
        fault.Resolve(command.Fix!, command.RootCause, command.AppliesTo, work.Actor, work.Now);
        return await work.DoneAsync(fault, FaultChange.Resolved, cancellationToken);
    }
}
