using FluentValidation;
using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Escalation;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

[RequiresRole(Role.Engineer)]
public sealed record AssignFault(Guid Id, Guid? AssigneeId, int? ExpectedVersion = null) : ICommand<FaultView>, IVersioned;

public sealed class AssignFaultValidator : AbstractValidator<AssignFault>
{
    public AssignFaultValidator() =>
        RuleFor(x => x.AssigneeId).NotEmpty().WithMessage("Pick who takes the fault.");
}

public sealed class AssignFaultHandler(TechSupportDbContext db, FaultWork work) : ICommandHandler<AssignFault, FaultView>
{
    public async ValueTask<FaultView> Handle(AssignFault command, CancellationToken cancellationToken)
    {
        var fault = await work.LoadAsync(command.Id, command, cancellationToken);

        var assignee = await db.AccessAsync(command.AssigneeId!.Value, cancellationToken);
        if (assignee is not { Active: true } || assignee.Role < Role.Engineer)
        {
            throw Invalid.Field("assigneeId", "No such engineer.");
        }

        // S2: a fault goes only to someone who may see it.
        if (!AccessPolicy.CanSee(assignee.Viewer, fault))
        {
            throw Invalid.Field("assigneeId", "That engineer is not cleared for this fault's production.");
        }

        fault.Assign(assignee.Id, assignee.DisplayName, work.Actor, work.Now);
        return await work.DoneAsync(fault, FaultChange.Assigned, cancellationToken);
    }
}
