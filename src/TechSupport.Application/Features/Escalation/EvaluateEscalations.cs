using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Escalation;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Escalation;

public sealed record EvaluationResult(int Faults, int More);

// The timer's pass over the faults whose time has come: a target's warning or breach (E3, E2), a
// delivery deadline drawing near (E7), a fix that has held for the recurrence window. Sent by the
// escalation service as the system; one batch per command keeps each transaction short.
[RequiresRole(Role.Admin)]
public sealed record EvaluateEscalations(int BatchSize = 200) : ICommand<EvaluationResult>;

public sealed class EvaluateEscalationsHandler(TechSupportDbContext db, PolicyStore policies, FaultRules rules, TimeProvider clock)
    : ICommandHandler<EvaluateEscalations, EvaluationResult>
{
    public async ValueTask<EvaluationResult> Handle(EvaluateEscalations command, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var now = clock.GetUtcNow();
        var policy = await policies.CurrentAsync(db, ct);
        var open = FaultLifecycle.OpenStatuses.ToArray();
        var deadline = now + TimeSpan.FromHours(policy.DeadlineRiskHours);
        var settled = now - TimeSpan.FromDays(policy.Recurrence.WindowDays);
        var due = await db.Faults
            .Include(f => f.Firings).Include(f => f.Workarounds).Include(f => f.Production).Include(f => f.Suite)
            .Where(f => (open.Contains(f.Status)
                    && (f.NextRuleAt <= now
                        || ((f.Severity == Severity.P1 || f.Severity == Severity.P2) && f.Production!.DeliveryDeadline > now
                            && f.Production.DeliveryDeadline <= deadline && !f.Firings.Any(r => r.Rule == EscalationRuleId.E7))
                        // E4 and E5 act when the fault is logged; this catches faults written outside a command (the seeder).
                        || (f.SecurityIncident && !f.Firings.Any(r => r.Rule == EscalationRuleId.E5))
                        || (f.HealthAndSafety && !f.Firings.Any(r => r.Rule == EscalationRuleId.E4))))
                || (!open.Contains(f.Status) && f.Resolution!.Effectiveness == Effectiveness.Unverified && f.ResolvedAt <= settled))
            .OrderBy(f => f.NextRuleAt).ThenBy(f => f.Number)
            .Take(command.BatchSize + 1)
            .AsSplitQuery()
            .ToListAsync(ct);
        foreach (var fault in due.Take(command.BatchSize))
        {
            await rules.EvaluateAsync(fault, policy, ct);
        }

        return new EvaluationResult(Math.Min(due.Count, command.BatchSize), Math.Max(0, due.Count - command.BatchSize));
    }
}
