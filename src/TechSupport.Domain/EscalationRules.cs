namespace TechSupport.Domain;

// What the rules know beyond the fault itself, gathered by the caller.
// Recurrence: the faults of the same category on the same kit within the policy's window, this
// one included, oldest first (E6). LaterRecurrence: whether a fault like this one was logged after
// its resolution (it did not hold).
public sealed record RuleFacts(DateTimeOffset Now, EscalationPolicy Policy, IReadOnlyList<Guid> Recurrence,
    bool LaterRecurrence = false);

public enum RuleEffect
{
    // E3: a target is near; nothing moves, people are told.
    Warn,
    Escalate,
    // E7: severity one step up, then escalate.
    RaiseSeverity,
    MarkEffective,
    MarkIneffective
}

// One thing a rule decided; Fault.Apply carries it out and records it. An escalation's Tier is the
// tier it reaches at least; none means one tier up from wherever the fault is when it is applied.
public sealed record RuleDecision(EscalationRuleId Rule, string Key, RuleEffect Effect, SupportTier? Tier, string Reason)
{
    public SlaTarget? Target { get; init; }
    public Guid? RecurringProblemId { get; init; }
}

// E2–E9 as pure code: the fault, its history, the policy and the time in; what to do out. Every
// decision has a key the fault has not fired yet, so evaluating twice does nothing the second time.
public static class EscalationRules
{
    private static readonly SlaTarget[] Order = [SlaTarget.Acknowledge, SlaTarget.Restore, SlaTarget.Resolve];

    public static IReadOnlyList<RuleDecision> Evaluate(Fault fault, RuleFacts facts)
    {
        var decisions = new List<RuleDecision>();
        void Add(RuleDecision d)
        {
            if (!fault.HasFired(d.Key) && decisions.All(x => x.Key != d.Key))
            {
                decisions.Add(d);
            }
        }

        var now = facts.Now;
        if (fault.IsOpen)
        {
            // E5 and E4 go to the Manager tier at once.
            if (fault.SecurityIncident)
            {
                Add(new(EscalationRuleId.E5, "E5", RuleEffect.Escalate, SupportTier.Manager,
                    "security incident: Restricted, attachments locked"));
            }

            if (fault.HealthAndSafety)
            {
                // Per cycle: a reopened health-and-safety fault takes its suite out of service again.
                Add(new(EscalationRuleId.E4, $"E4#{fault.Cycle}", RuleEffect.Escalate, SupportTier.Manager,
                    "health and safety: the suite is out of service until a manager signs the fault off"));
            }

            // E9: a reopened fault's fix did not hold.
            if (fault.Cycle > 1)
            {
                Add(new(EscalationRuleId.E9, $"E9#{fault.Cycle}", RuleEffect.Escalate, null,
                    "reopened: the resolution was ineffective"));
            }

            // E8: a short cut that endangers the production's deliverable.
            if (fault.ProductionId is not null && fault.Workarounds.FirstOrDefault(w => w.EndangersDeliverable) is { } risky)
            {
                var why = risky.Acceptability == Acceptability.Unacceptable
                    ? "an unacceptable workaround was applied"
                    : "a workaround conflicts with the deliverable spec";
                Add(new(EscalationRuleId.E8, "E8", RuleEffect.Escalate, AtLeast(fault.Tier, SupportTier.SecondLine),
                    $"{why}; the deliverable is flagged for QC"));
            }

            // E7: a P1/P2 on a production about to deliver.
            if (fault.Severity is Severity.P1 or Severity.P2 && fault.Production?.DeliveryDeadline is { } deadline
                && deadline > now && deadline - now <= TimeSpan.FromHours(facts.Policy.DeadlineRiskHours))
            {
                Add(new(EscalationRuleId.E7, "E7", RuleEffect.RaiseSeverity, null,
                    $"the production delivers within {facts.Policy.DeadlineRiskHours} h"));
            }

            // E6: the same fault again and again on the same kit.
            if (facts.Recurrence.Count >= facts.Policy.Recurrence.Count && facts.Recurrence.Contains(fault.Id))
            {
                Add(new(EscalationRuleId.E6, "E6", RuleEffect.Escalate, AtLeast(fault.Tier, SupportTier.SecondLine),
                    $"{facts.Recurrence.Count} faults of this kind on this kit within {facts.Policy.Recurrence.WindowDays} days: a recurring problem")
                {
                    RecurringProblemId = facts.Recurrence[0],
                });
            }

            // E3 then E2 for every target not met: warn once at the warning point, escalate once when missed.
            foreach (var target in Order)
            {
                if (fault.Met(target) || fault.Targets.DueBy(target) is not { } due)
                {
                    continue;
                }

                if (fault.Targets.WarnAt(target) is { } warn && now >= warn)
                {
                    Add(new(EscalationRuleId.E3, WarningKey(target, fault.Cycle), RuleEffect.Warn, null,
                        $"{facts.Policy.WarningPercent} % of the {Name(target)} target has gone") { Target = target });
                }

                if (now > due)
                {
                    Add(new(EscalationRuleId.E2, BreachKey(target, fault.Cycle), RuleEffect.Escalate, null,
                        $"the {Name(target)} target was missed") { Target = target });
                }
            }
        }
        else if (fault.Resolution is { Effectiveness: Effectiveness.Unverified } resolution)
        {
            // PC8: a fix proves itself by the recurrence window passing without the fault coming back.
            if (facts.LaterRecurrence)
            {
                Add(new(EscalationRuleId.Effectiveness, $"Effectiveness#{fault.Cycle}", RuleEffect.MarkIneffective, null,
                    "the fault recurred within the recurrence window"));
            }
            else if (now - resolution.ResolvedAt >= TimeSpan.FromDays(facts.Policy.Recurrence.WindowDays))
            {
                Add(new(EscalationRuleId.Effectiveness, $"Effectiveness#{fault.Cycle}", RuleEffect.MarkEffective, null,
                    $"no recurrence within {facts.Policy.Recurrence.WindowDays} days"));
            }
        }

        return decisions;
    }

    private static SupportTier AtLeast(SupportTier tier, SupportTier floor) => tier > floor ? tier : floor;

    public static string WarningKey(SlaTarget target, int cycle) => $"E3:{target}#{cycle}";

    public static string BreachKey(SlaTarget target, int cycle) => $"E2:{target}#{cycle}";

    public static string Name(SlaTarget target) => target.ToString().ToLowerInvariant();
}
