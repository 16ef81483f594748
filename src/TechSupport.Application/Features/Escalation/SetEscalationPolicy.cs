using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Escalation;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Escalation;

// The administrator's policy replaces the one in force. The stored row's change is audited (before
// and after); open faults get the new targets from the start of their clocks, and escalations
// already made stay made.
[RequiresRole(Role.Admin)]
public sealed record SetEscalationPolicy(PolicyDocument? Policy) : ICommand<PolicyDocument>;

public sealed class SetEscalationPolicyValidator : AbstractValidator<SetEscalationPolicy>
{
    public SetEscalationPolicyValidator()
    {
        RuleFor(x => x.Policy).NotNull().WithMessage("Send the policy as a JSON body.").OverridePropertyName("body");
        RuleFor(x => x).Custom((command, context) =>
        {
            if (command.Policy is null)
            {
                return;
            }

            foreach (var failure in new PolicyDocumentValidator().Validate(command.Policy).Errors)
            {
                context.AddFailure(failure);
            }
        });
    }
}

public sealed class SetEscalationPolicyHandler(TechSupportDbContext db, ICurrentUser user, PolicyStore policies, TimeProvider clock)
    : ICommandHandler<SetEscalationPolicy, PolicyDocument>
{
    public async ValueTask<PolicyDocument> Handle(SetEscalationPolicy command, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var now = clock.GetUtcNow();
        var policy = command.Policy!.ToPolicy(); // the validator guarantees a complete policy
        var stored = await db.EscalationPolicy.SingleOrDefaultAsync(p => p.Id == StoredPolicy.SingletonId, ct);
        if (stored is null)
        {
            stored = new StoredPolicy();
            db.EscalationPolicy.Add(stored);
        }

        stored.Json = PolicyStore.Write(policy);
        stored.UpdatedAt = now;
        stored.UpdatedById = user.Id;
        stored.Version++;

        await RetargetOpenFaultsAsync(policy, now, ct);
        policies.Remember(policy);
        return PolicyDocument.From(policy);
    }

    private async Task RetargetOpenFaultsAsync(EscalationPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        var open = FaultLifecycle.OpenStatuses.ToArray();
        var faults = await db.Faults.Include(f => f.Firings).Where(f => open.Contains(f.Status)).ToListAsync(ct);
        foreach (var fault in faults)
        {
            fault.Retarget(policy, now);
        }
    }
}
