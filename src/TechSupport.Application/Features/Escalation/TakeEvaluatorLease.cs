using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Escalation;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Escalation;

// Takes or renews the evaluator's lease for `holder`: answers whether this instance may evaluate now.
// A lease another instance holds and has not let expire is left alone.
[RequiresRole(Role.Admin)]
public sealed record TakeEvaluatorLease(string Holder, TimeSpan For) : ICommand<bool>;

public sealed class TakeEvaluatorLeaseHandler(TechSupportDbContext db, TimeProvider clock) : ICommandHandler<TakeEvaluatorLease, bool>
{
    public async ValueTask<bool> Handle(TakeEvaluatorLease command, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var now = clock.GetUtcNow();
        var expires = now + command.For;
        // One conditional update: of two instances racing for an expired lease, one row count is 1.
        var taken = await db.Leases
            .Where(l => l.Name == EscalationLease.Evaluator && (l.Holder == command.Holder || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, command.Holder).SetProperty(l => l.ExpiresAt, expires), ct);
        if (taken == 1)
        {
            return true;
        }

        if (await db.Leases.AnyAsync(l => l.Name == EscalationLease.Evaluator, ct))
        {
            return false;
        }

        // The first lease ever: the primary key makes a second insert fail its transaction.
        db.Leases.Add(new EscalationLease { Name = EscalationLease.Evaluator, Holder = command.Holder, ExpiresAt = expires });
        return true;
    }
}
