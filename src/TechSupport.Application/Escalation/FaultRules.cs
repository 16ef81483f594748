using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;
using TechSupport.Application.Notifications;
using TechSupport.Domain;

namespace TechSupport.Application.Escalation;

// What happened to a fault, for who hears of it.
public enum FaultChange
{
    Logged,
    Acknowledged,
    Assigned,
    WorkaroundApplied,
    Resolved,
    Reopened,
    Closed,
    Escalated,
    Commented,
    Alert
}

// Runs the escalation rules (EscalationRules) on a fault a command has just changed, inside the
// command's transaction, and tells people: rules act on their events at once, not at the next tick.
public sealed class FaultRules(TechSupportDbContext db, PolicyStore policies, Notifier notifier, TimeProvider clock)
{
    public async Task ApplyAsync(Fault fault, FaultChange change, Guid? actorId, CancellationToken ct)
    {
        var policy = await policies.CurrentAsync(db, ct);
        var now = clock.GetUtcNow();
        await NotifyChangeAsync(fault, change, actorId, ct);

        IReadOnlyList<Guid> recurrence = [];
        // E6 and a recurrence's verdict on earlier fixes need the kit; a fault logged without it has neither.
        if (change == FaultChange.Logged && fault.Equipment is not null)
        {
            var since = now - TimeSpan.FromDays(policy.Recurrence.WindowDays);
            var kit = await TwinsAsync(fault, ct);
            var similar = await SameKindOnSameKit(fault, kit).Where(f => f.CreatedAt >= since && f.CreatedAt <= now).ToListAsync(ct);
            recurrence = [.. similar.Select(f => f.Id).Append(fault.Id)];
            // A fix that the same fault came back after within the window did not hold (PC8).
            var earlierFixes = await SameKindOnSameKit(fault, kit)
                .Where(f => f.ResolvedAt >= since && f.Resolution!.Effectiveness == Effectiveness.Unverified).ToListAsync(ct);
            foreach (var earlier in earlierFixes)
            {
                await DecideAsync(earlier, new RuleFacts(now, policy, [], LaterRecurrence: true), policy, ct);
            }

            if (recurrence.Count >= policy.Recurrence.Count)
            {
                await LinkRecurringProblemAsync(similar, recurrence, policy, now, ct);
            }
        }

        await DecideAsync(fault, new RuleFacts(now, policy, recurrence), policy, ct);
    }

    // The timer's entry: time-driven rules (E2, E3, E7, effectiveness) on one fault.
    public async Task EvaluateAsync(Fault fault, EscalationPolicy policy, CancellationToken ct) =>
        await DecideAsync(fault, new RuleFacts(clock.GetUtcNow(), policy, []), policy, ct);

    private async Task DecideAsync(Fault fault, RuleFacts facts, EscalationPolicy policy, CancellationToken ct)
    {
        foreach (var decision in EscalationRules.Evaluate(fault, facts))
        {
            var tierBefore = fault.Tier;
            fault.Apply(decision, policy, facts.Now);
            var text = decision.Effect switch
            {
                RuleEffect.Warn => $"is near its {EscalationRules.Name(decision.Target ?? SlaTarget.Resolve)} target (rule {decision.Rule})",
                RuleEffect.MarkEffective or RuleEffect.MarkIneffective => null,
                _ => fault.Tier != tierBefore
                    ? $"escalated to {SupportTiers.Name(fault.Tier)} by rule {decision.Rule}: {decision.Reason}"
                    : $"rule {decision.Rule}: {decision.Reason}",
            };
            if (text is null)
            {
                continue;
            }

            var kind = decision.Effect == RuleEffect.Warn ? NotificationKind.Warning : NotificationKind.Escalated;
            // E2: the new tier and the assignee hear of an escalation; a warning goes to whoever has the fault now.
            await notifier.NotifyAsync(fault, kind, text, [fault.AssigneeId], fault.Tier, null, ct);
        }
    }

    private async Task NotifyChangeAsync(Fault fault, FaultChange change, Guid? actorId, CancellationToken ct)
    {
        (NotificationKind, string, Guid?[])? told = change switch
        {
            FaultChange.Acknowledged => (NotificationKind.Acknowledged, "was acknowledged; someone is on it", [fault.ReportedById]),
            FaultChange.Resolved => (NotificationKind.Resolved, "was resolved", [fault.ReportedById, fault.AssigneeId]),
            FaultChange.Assigned => (NotificationKind.Assigned, "was assigned to you", [fault.AssigneeId]),
            FaultChange.Reopened => (NotificationKind.Reopened, "was reopened", [fault.AssigneeId]),
            _ => null,
        };
        if (told is var (kind, text, users))
        {
            await notifier.NotifyAsync(fault, kind, text, users, null, actorId, ct);
        }
    }

    // E6: the same item, or the same make, model and firmware anywhere in the facility.
    private async Task<List<Guid>> TwinsAsync(Fault fault, CancellationToken ct) =>
        fault.Equipment is not { } kit
            ? []
            : await db.Equipment.AsNoTracking()
                .Where(e => e.Id == kit.Id || (e.Make == kit.Make && e.Model == kit.Model && e.Firmware == kit.Firmware))
                .Select(e => e.Id).ToListAsync(ct);

    // Other faults of the same category on that kit, oldest first, loaded as the rules need them.
    private IQueryable<Fault> SameKindOnSameKit(Fault fault, List<Guid> kit) => db.Faults
        .Include(f => f.Firings).Include(f => f.Workarounds).Include(f => f.Production).Include(f => f.Suite)
        .Where(f => f.Id != fault.Id && f.Category == fault.Category && f.EquipmentId != null && kit.Contains(f.EquipmentId.Value))
        .OrderBy(f => f.CreatedAt).ThenBy(f => f.Number)
        .AsSplitQuery();

    private async Task LinkRecurringProblemAsync(List<Fault> similar, IReadOnlyList<Guid> recurrence, EscalationPolicy policy,
        DateTimeOffset now, CancellationToken ct)
    {
        foreach (var other in similar)
        {
            other.LinkRecurringProblem(recurrence[0], now);
            if (other.IsOpen)
            {
                await DecideAsync(other, new RuleFacts(now, policy, recurrence), policy, ct);
            }
        }
    }
}
