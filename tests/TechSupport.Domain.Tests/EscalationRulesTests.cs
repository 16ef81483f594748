using TechSupport.Domain;

namespace TechSupport.Domain.Tests;

// E2–E9 and the effectiveness check, each through EscalationRules.Evaluate and Fault.Apply as the
// application runs them. The default policy in Europe/London; 23 November 2026 is GMT, so local
// time is UTC. A P2 logged at 10:00 is due acknowledged by 11:00, restored by 14:00 and resolved
// by 10:00 the next day, each warned at three quarters of the way.
public sealed class EscalationRulesTests
{
    private static readonly Actor Engineer = new(Guid.NewGuid(), "Erin Engineer");
    private static readonly Actor Manager = new(Guid.NewGuid(), "Mo Manager");
    private static readonly DateTimeOffset T0 = Build.Monday10;
    private static readonly EscalationPolicy Policy = Build.Policy;

    private static IReadOnlyList<RuleDecision> Run(Fault fault, DateTimeOffset now, IReadOnlyList<Guid>? recurrence = null,
        bool laterRecurrence = false)
    {
        var decisions = EscalationRules.Evaluate(fault, new RuleFacts(now, Policy, recurrence ?? [fault.Id], laterRecurrence));
        foreach (var decision in decisions)
        {
            fault.Apply(decision, Policy, now);
        }

        return decisions;
    }

    private static Production Delivering(DateTimeOffset? deadline, DeliverableSpec? spec = null) =>
        Production.Create("Night Shift", Classification.Standard, spec, deadline, T0);

    // E3

    public static TheoryData<SlaTarget, int> Warnings => new()
    {
        { SlaTarget.Acknowledge, 45 },
        { SlaTarget.Restore, 3 * 60 },
        { SlaTarget.Resolve, 18 * 60 },
    };

    [Theory]
    [MemberData(nameof(Warnings))]
    public void A_warning_is_raised_once_at_three_quarters_of_each_target(SlaTarget target, int minutes)
    {
        var fault = Build.Fault(severity: Severity.P2);
        MeetTargetsBefore(fault, target, T0.AddMinutes(1));
        var warnAt = T0.AddMinutes(minutes);

        Assert.Empty(Run(fault, warnAt.AddSeconds(-1)));
        var warning = Assert.Single(Run(fault, warnAt));

        Assert.Equal((EscalationRuleId.E3, RuleEffect.Warn, target), (warning.Rule, warning.Effect, warning.Target));
        Assert.Equal(SupportTier.FirstLine, fault.Tier);
        Assert.Equal(FaultEventKind.Warning, fault.Timeline[^1].Kind);
        Assert.Empty(Run(fault, warnAt.AddMinutes(1)));
    }

    [Fact]
    public void A_warning_says_which_target_and_when_it_is_due_on_the_facilitys_clock()
    {
        var fault = Build.Fault(severity: Severity.P2);

        Run(fault, T0.AddMinutes(45));

        Assert.Equal("Warning by rule E3: 75 % of the acknowledge target has gone; due Mon 23 Nov 11:00 GMT.",
            fault.Timeline[^1].Text);
    }

    [Theory]
    [InlineData(SlaTarget.Acknowledge)]
    [InlineData(SlaTarget.Restore)]
    [InlineData(SlaTarget.Resolve)]
    public void A_target_met_in_time_is_neither_warned_of_nor_escalated(SlaTarget target)
    {
        var fault = Build.Fault(severity: Severity.P2);
        MeetTargetsBefore(fault, target, T0.AddMinutes(1));
        Meet(fault, target, T0.AddMinutes(2));
        var due = Policy.TargetsFor(Severity.P2, T0).DueBy(target)!.Value;

        var decisions = Run(fault, fault.Targets.WarnAt(target)!.Value).Concat(Run(fault, due.AddMinutes(1)));

        Assert.DoesNotContain(decisions, d => d.Target == target);
        Assert.Equal(SupportTier.FirstLine, fault.Tier);
    }

    // E2

    [Fact]
    public void Each_missed_target_escalates_the_fault_one_tier_once()
    {
        var fault = Build.Fault(severity: Severity.P2);
        var misses = new[]
        {
            (At: T0.AddMinutes(60).AddSeconds(1), Target: SlaTarget.Acknowledge, Tier: SupportTier.SecondLine),
            (At: T0.AddHours(4).AddSeconds(1), Target: SlaTarget.Restore, Tier: SupportTier.Specialist),
            (At: T0.AddHours(24).AddSeconds(1), Target: SlaTarget.Resolve, Tier: SupportTier.Manager),
        };

        foreach (var (at, target, tier) in misses)
        {
            var breach = Assert.Single(Run(fault, at), d => d.Rule == EscalationRuleId.E2);

            Assert.Equal(target, breach.Target);
            Assert.Equal(tier, fault.Tier);
            Assert.Empty(Run(fault, at.AddMinutes(5)));
        }

        Assert.Equal("Escalated from First line to Second line by rule E2: the acknowledge target was missed.",
            fault.Timeline.First(e => e.Rule == EscalationRuleId.E2).Text);
    }

    [Fact]
    public void A_target_is_not_missed_until_its_due_instant_has_passed()
    {
        var fault = Build.Fault(severity: Severity.P2);
        Run(fault, T0.AddMinutes(45));

        Assert.Empty(Run(fault, T0.AddMinutes(60)));
        Assert.Equal(SupportTier.FirstLine, fault.Tier);
    }

    [Fact]
    public void A_missed_target_at_the_manager_tier_is_only_noted()
    {
        var fault = Build.Fault(severity: Severity.P2);
        fault.Escalate(SupportTier.Manager, "The client is in the suite", Manager, T0.AddMinutes(1));

        Assert.Single(Run(fault, T0.AddMinutes(61)), d => d.Rule == EscalationRuleId.E2);

        Assert.Equal(SupportTier.Manager, fault.Tier);
        Assert.Equal("Rule E2: the acknowledge target was missed; the fault stays at Manager, the highest it can go.",
            fault.Timeline[^1].Text);
    }

    [Fact]
    public void A_target_met_late_before_anyone_looked_does_not_escalate()
    {
        var fault = Build.Fault(severity: Severity.P2);
        fault.Acknowledge(Engineer, T0.AddMinutes(70));

        Assert.Empty(Run(fault, T0.AddMinutes(70)));
        Assert.Equal(SupportTier.FirstLine, fault.Tier);
    }

    [Fact]
    public void A_reopened_fault_gets_its_own_warnings_and_escalations()
    {
        var fault = Build.Fault(severity: Severity.P2);
        Run(fault, T0.AddMinutes(61));
        fault.Resolve("Replaced the HBA", null, null, Engineer, T0.AddHours(2));
        var reopened = T0.AddHours(3);
        fault.Reopen("Stutters again", Engineer, Policy, reopened);
        Assert.Equal(EscalationRuleId.E9, Assert.Single(Run(fault, reopened)).Rule);

        var warning = Assert.Single(Run(fault, reopened.AddMinutes(45)));
        var breach = Assert.Single(Run(fault, reopened.AddMinutes(61)));

        Assert.Equal(EscalationRules.WarningKey(SlaTarget.Acknowledge, 2), warning.Key);
        Assert.Equal(EscalationRules.BreachKey(SlaTarget.Acknowledge, 2), breach.Key);
        Assert.Equal(SupportTier.Manager, fault.Tier);
    }

    // E4

    [Fact]
    public void A_health_and_safety_fault_goes_to_a_manager_at_once_and_takes_the_suite_out_of_service()
    {
        var suite = Build.Suite();
        var fault = Build.Fault(suite: suite, severity: Severity.P3, healthAndSafety: true);

        var decision = Assert.Single(Run(fault, T0));

        Assert.Equal(EscalationRuleId.E4, decision.Rule);
        Assert.Equal(SupportTier.Manager, fault.Tier);
        Assert.Equal(T0, suite.OutOfServiceSince);
        Assert.Equal(fault.Id, suite.OutOfServiceFaultId);
        Assert.False(suite.InService);
        Assert.Empty(Run(fault, T0.AddMinutes(1)));
    }

    [Fact]
    public void Closing_a_health_and_safety_fault_needs_a_managers_sign_off_which_returns_the_suite_to_service()
    {
        var suite = Build.Suite();
        var fault = Build.Fault(suite: suite, severity: Severity.P3, healthAndSafety: true);
        Run(fault, T0);
        fault.Resolve("Replaced the frayed mains lead", null, null, Engineer, T0.AddHours(1));
        var (version, entries) = (fault.Version, fault.Timeline.Count);

        var refusal = Assert.Throws<DomainRuleException>(() => fault.Close(Engineer, managerSignOff: false, T0.AddHours(2)));

        Assert.Equal("A health-and-safety fault needs a manager to sign off its closing.", refusal.Message);
        Assert.Equal((FaultStatus.Resolved, version, entries), (fault.Status, fault.Version, fault.Timeline.Count));
        Assert.False(suite.InService);

        fault.Close(Manager, managerSignOff: true, T0.AddHours(3));

        Assert.Equal(FaultStatus.Closed, fault.Status);
        Assert.True(suite.InService);
        Assert.Null(suite.OutOfServiceFaultId);
        Assert.Equal(["Closed with a manager's sign-off.", "Grade 1 is back in service."], fault.Timeline.TakeLast(2).Select(e => e.Text));
    }

    [Fact]
    public void A_reopened_health_and_safety_fault_takes_its_suite_out_of_service_again()
    {
        var suite = Build.Suite();
        var fault = Build.Fault(suite: suite, severity: Severity.P3, healthAndSafety: true);
        Run(fault, T0);
        fault.Resolve("Replaced the frayed mains lead", null, null, Engineer, T0.AddHours(1));
        fault.Close(Manager, managerSignOff: true, T0.AddHours(2));

        fault.Reopen("The new lead sparks too", Engineer, Policy, T0.AddHours(3));
        var decisions = Run(fault, T0.AddHours(3));

        Assert.Contains(decisions, d => d.Rule == EscalationRuleId.E4);
        Assert.Equal(T0.AddHours(3), suite.OutOfServiceSince);
        Assert.Equal(SupportTier.Manager, fault.Tier);
    }

    // E5

    [Fact]
    public void A_security_incident_goes_to_a_manager_at_once_restricted_with_its_attachments_locked()
    {
        var fault = Build.Fault(production: Build.Production(Classification.Standard), severity: Severity.P3, securityIncident: true);
        Assert.False(fault.AttachmentsLocked);

        var decision = Assert.Single(Run(fault, T0));

        Assert.Equal(EscalationRuleId.E5, decision.Rule);
        Assert.Equal(SupportTier.Manager, fault.Tier);
        Assert.Equal(Classification.Restricted, fault.Classification);
        Assert.True(fault.AttachmentsLocked);
        Assert.Empty(Run(fault, T0.AddMinutes(1)));
    }

    // E6

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Three_faults_of_one_kind_on_one_kit_in_the_window_are_a_recurring_problem(int faults, bool recurring)
    {
        var suite = Build.Suite();
        var san = suite.AddEquipment(EquipmentKind.SharedStorage, "Quantum", "StorNext", "SN-1", "7.1", T0);
        var same = Enumerable.Range(0, faults)
            .Select(i => Build.Fault(suite: suite, equipment: san, severity: Severity.P3, at: T0.AddDays(4 * i)))
            .ToList();
        var latest = same[^1];

        var decisions = Run(latest, latest.CreatedAt, [.. same.Select(f => f.Id)]);

        Assert.Equal(recurring ? [EscalationRuleId.E6] : [], decisions.Select(d => d.Rule));
        Assert.Equal(recurring ? SupportTier.SecondLine : SupportTier.FirstLine, latest.Tier);
        Assert.Equal(recurring ? same[0].Id : null, latest.RecurringProblemId);
    }

    [Fact]
    public void A_recurrence_that_does_not_include_the_fault_itself_is_not_its_problem()
    {
        var fault = Build.Fault(severity: Severity.P3);

        Assert.Empty(Run(fault, T0, [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()]));
    }

    // E7

    public static TheoryData<string, Severity, int?, Severity, SupportTier> DeadlineRisks => new()
    {
        { "a P2 on a production delivering tomorrow", Severity.P2, 24, Severity.P1, SupportTier.SecondLine },
        { "a P2 on a production delivering in exactly 48 h", Severity.P2, 48, Severity.P1, SupportTier.SecondLine },
        { "a P1 delivering tomorrow cannot go higher but escalates", Severity.P1, 24, Severity.P1, SupportTier.SecondLine },
        { "a P3 delivering tomorrow", Severity.P3, 24, Severity.P3, SupportTier.FirstLine },
        { "a P2 delivering in three days", Severity.P2, 72, Severity.P2, SupportTier.FirstLine },
        { "a P2 whose deadline has passed", Severity.P2, -2, Severity.P2, SupportTier.FirstLine },
        { "a P2 on a production with no deadline", Severity.P2, null, Severity.P2, SupportTier.FirstLine },
    };

    [Theory]
    [MemberData(nameof(DeadlineRisks))]
    public void A_serious_fault_on_a_production_about_to_deliver_is_raised_a_step_and_escalated(string situation, Severity logged,
        int? hoursToDeadline, Severity severity, SupportTier tier)
    {
        var production = Delivering(hoursToDeadline is { } hours ? T0.AddHours(hours) : null);
        var fault = Build.Fault(production: production, severity: logged);

        var decisions = Run(fault, T0);

        Assert.True((severity, tier) == (fault.Severity, fault.Tier), $"{situation}: {fault.Severity} at {fault.Tier}");
        Assert.Equal(tier == SupportTier.FirstLine ? [] : [EscalationRuleId.E7], decisions.Select(d => d.Rule));
        Assert.Equal(Policy.TargetsFor(severity, T0), fault.Targets);
        Assert.Equal(fault.Targets.AcknowledgeBy, fault.SlaDueAt);
    }

    [Fact]
    public void A_raised_severity_is_on_the_timeline_and_its_tighter_targets_act_from_when_the_fault_was_logged()
    {
        var fault = Build.Fault(production: Delivering(T0.AddHours(30)), severity: Severity.P2);

        Run(fault, T0.AddMinutes(10));

        Assert.Contains(fault.Timeline, e => e.Text == "Severity raised from P2 to P1 by rule E7: the production delivers within 48 h."
            && e.Rule == EscalationRuleId.E7);
        Assert.Equal(T0.AddMinutes(15), fault.SlaDueAt);
        Assert.Single(Run(fault, T0.AddMinutes(16)), d => d.Key == EscalationRules.BreachKey(SlaTarget.Acknowledge, 1));
        Assert.Equal(SupportTier.Specialist, fault.Tier);
    }

    // E8

    public static TheoryData<string, bool, Acceptability, string?, bool> RiskyWorkarounds => new()
    {
        { "an unacceptable workaround on a production", true, Acceptability.Unacceptable, null, true },
        { "an acceptable one that drops to 8-bit on a 10-bit deliverable", true, Acceptability.Acceptable, "8-bit", true },
        { "an acceptable one that changes nothing the spec names", true, Acceptability.Acceptable, null, false },
        { "one acceptable with conditions that keeps to the spec", true, Acceptability.AcceptableWithConditions, "10-bit", false },
        { "an unacceptable one with no production", false, Acceptability.Unacceptable, null, false },
    };

    [Theory]
    [MemberData(nameof(RiskyWorkarounds))]
    public void A_workaround_that_endangers_a_deliverable_escalates_and_flags_it_for_qc(string situation, bool onProduction,
        Acceptability acceptability, string? bitDepth, bool flagged)
    {
        var production = onProduction ? Delivering(null, new DeliverableSpec(BitDepth: "10-bit", FrameRate: "25")) : null;
        var fault = Build.Fault(production: production, severity: Severity.P3);
        fault.ApplyWorkaround("Grade on the backup workstation", acceptability, null, Engineer, T0.AddMinutes(5),
            bitDepth is null ? [] : [new WorkaroundChange(DeliverableAspect.BitDepth, bitDepth)]);

        var decisions = Run(fault, T0.AddMinutes(5));

        Assert.True(flagged == fault.QcFlagged, situation);
        Assert.Equal(flagged ? [EscalationRuleId.E8] : [], decisions.Select(d => d.Rule));
        Assert.Equal(flagged ? SupportTier.SecondLine : SupportTier.FirstLine, fault.Tier);
    }

    [Fact]
    public void A_rule_asking_for_a_tier_the_fault_is_already_above_leaves_it_there_and_says_so_truly()
    {
        var fault = Build.Fault(production: Delivering(null), severity: Severity.P3);
        fault.Escalate(SupportTier.Specialist, "Needs the vendor", Engineer, T0.AddMinutes(1));
        fault.ApplyWorkaround("Bypass the LUT box", Acceptability.Unacceptable, null, Engineer, T0.AddMinutes(5));

        Assert.Equal(EscalationRuleId.E8, Assert.Single(Run(fault, T0.AddMinutes(5))).Rule);

        Assert.Equal(SupportTier.Specialist, fault.Tier);
        Assert.True(fault.QcFlagged);
        Assert.Equal("Rule E8: an unacceptable workaround was applied; the deliverable is flagged for QC; the fault stays at Specialist / vendor.",
            fault.Timeline[^1].Text);
    }

    // E9

    [Fact]
    public void Each_reopening_marks_the_resolution_ineffective_and_escalates_one_tier_once()
    {
        var fault = Build.Fault(severity: Severity.P3);
        var at = T0;

        foreach (var (cycle, tier) in new[] { (2, SupportTier.SecondLine), (3, SupportTier.Specialist) })
        {
            at = at.AddMinutes(5);
            fault.Resolve("Reseated the SFP", null, null, Engineer, at);
            at = at.AddMinutes(5);
            fault.Reopen("Dropped frames again", Engineer, Policy, at);

            Assert.Equal(Effectiveness.Ineffective, fault.Resolution?.Effectiveness);
            var decision = Assert.Single(Run(fault, at));
            Assert.Equal((EscalationRuleId.E9, $"E9#{cycle}"), (decision.Rule, decision.Key));
            Assert.Equal(tier, fault.Tier);
            Assert.Empty(Run(fault, at));
        }
    }

    // Effectiveness (PC8)

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_fix_that_holds_for_the_recurrence_window_becomes_effective(bool closed)
    {
        var fault = Build.Fault(severity: Severity.P3);
        var resolved = T0.AddHours(1);
        fault.Resolve("Reseated the SFP", null, null, Engineer, resolved);
        if (closed)
        {
            fault.Close(Engineer, managerSignOff: false, resolved.AddHours(1));
        }

        Assert.Empty(Run(fault, resolved.AddDays(14).AddSeconds(-1)));
        var decision = Assert.Single(Run(fault, resolved.AddDays(14)));

        Assert.Equal(RuleEffect.MarkEffective, decision.Effect);
        Assert.Equal(Effectiveness.Effective, fault.Resolution?.Effectiveness);
        Assert.Equal("Resolution marked effective by rule Effectiveness: no recurrence within 14 days.", fault.Timeline[^1].Text);
        Assert.Empty(Run(fault, resolved.AddDays(30)));
    }

    [Fact]
    public void A_fix_the_fault_came_back_after_is_ineffective()
    {
        var fault = Build.Fault(severity: Severity.P3);
        fault.Resolve("Reseated the SFP", null, null, Engineer, T0.AddHours(1));

        var decision = Assert.Single(Run(fault, T0.AddDays(2), recurrence: [], laterRecurrence: true));

        Assert.Equal(RuleEffect.MarkIneffective, decision.Effect);
        Assert.Equal(Effectiveness.Ineffective, fault.Resolution?.Effectiveness);
        Assert.Empty(Run(fault, T0.AddDays(20)));
    }

    [Fact]
    public void An_engineer_can_judge_a_fix_partly_effective_and_the_rules_leave_that_judgement_alone()
    {
        var fault = Build.Fault(severity: Severity.P3);
        Assert.Equal("Only a resolved fault has a resolution to judge.",
            Assert.Throws<DomainRuleException>(() => fault.MarkPartlyEffective(null, Engineer, T0)).Message);
        fault.Resolve("Reseated the SFP", null, null, Engineer, T0.AddHours(1));

        fault.MarkPartlyEffective("  Only the first playback is clean ", Engineer, T0.AddDays(1));

        Assert.Equal(Effectiveness.Partial, fault.Resolution?.Effectiveness);
        Assert.Equal("Resolution marked partly effective: Only the first playback is clean", fault.Timeline[^1].Text);
        Assert.Empty(Run(fault, T0.AddDays(20)));
        Assert.Throws<DomainRuleException>(() => fault.MarkPartlyEffective(null, Engineer, T0.AddDays(21)));
    }

    // Every rule's mark

    [Theory]
    [MemberData(nameof(EveryRule))]
    public void Every_rule_that_acts_names_itself_on_the_timeline_and_is_remembered_by_its_key(EscalationRuleId rule)
    {
        var (fault, now, recurrence) = Triggering(rule);
        var decision = Assert.Single(EscalationRules.Evaluate(fault, new RuleFacts(now, Policy, recurrence)), d => d.Rule == rule);
        var entries = fault.Timeline.Count;

        fault.Apply(decision, Policy, now);

        var written = fault.Timeline.Skip(entries).ToList();
        Assert.NotEmpty(written);
        Assert.All(written, e =>
        {
            Assert.Equal(rule, e.Rule);
            Assert.Contains($"rule {rule}", e.Text, StringComparison.OrdinalIgnoreCase);
        });
        var firing = Assert.Single(fault.Firings, f => f.Key == decision.Key);
        Assert.Equal((rule, fault.Id, now), (firing.Rule, firing.FaultId, firing.At));
        Assert.True(fault.HasFired(decision.Key));

        fault.Apply(decision, Policy, now);
        Assert.Equal(entries + written.Count, fault.Timeline.Count);
    }

    public static TheoryData<EscalationRuleId> EveryRule() => [.. Enum.GetValues<EscalationRuleId>()];

    private static (Fault Fault, DateTimeOffset Now, IReadOnlyList<Guid> Recurrence) Triggering(EscalationRuleId rule)
    {
        switch (rule)
        {
            case EscalationRuleId.E2:
                var late = Build.Fault();
                return (late, T0.AddMinutes(61), [late.Id]);
            case EscalationRuleId.E3:
                var near = Build.Fault();
                return (near, T0.AddMinutes(45), [near.Id]);
            case EscalationRuleId.E4:
                var hazard = Build.Fault(healthAndSafety: true);
                return (hazard, T0, [hazard.Id]);
            case EscalationRuleId.E5:
                var leak = Build.Fault(securityIncident: true);
                return (leak, T0, [leak.Id]);
            case EscalationRuleId.E6:
                var again = Build.Fault();
                return (again, T0, [Guid.NewGuid(), Guid.NewGuid(), again.Id]);
            case EscalationRuleId.E7:
                var urgent = Build.Fault(production: Delivering(T0.AddHours(12)));
                return (urgent, T0, [urgent.Id]);
            case EscalationRuleId.E8:
                var risky = Build.Fault(production: Delivering(null));
                risky.ApplyWorkaround("Monitor through the consumer TV", Acceptability.Unacceptable, null, Engineer, T0);
                return (risky, T0, [risky.Id]);
            case EscalationRuleId.E9:
                var reopened = Build.Fault();
                reopened.Resolve("Reseated the SFP", null, null, Engineer, T0);
                reopened.Reopen("Back again", Engineer, Policy, T0);
                return (reopened, T0, [reopened.Id]);
            case EscalationRuleId.Effectiveness:
                var fixedOne = Build.Fault();
                fixedOne.Resolve("Reseated the SFP", null, null, Engineer, T0);
                return (fixedOne, T0.AddDays(14), [fixedOne.Id]);
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "The test has no situation that makes this rule act.");
        }
    }

    // Escalation by hand

    [Theory]
    [InlineData(SupportTier.FirstLine, null, SupportTier.SecondLine)]
    [InlineData(SupportTier.FirstLine, SupportTier.Specialist, SupportTier.Specialist)]
    [InlineData(SupportTier.SecondLine, SupportTier.Manager, SupportTier.Manager)]
    [InlineData(SupportTier.Specialist, null, SupportTier.Manager)]
    public void Escalating_by_hand_goes_to_the_tier_asked_for_or_one_up(SupportTier from, SupportTier? to, SupportTier reached)
    {
        var fault = AtTier(from);

        fault.Escalate(to, " Client session at two ", Engineer, T0.AddMinutes(10));

        Assert.Equal(reached, fault.Tier);
        Assert.Equal($"Escalated to {SupportTiers.Name(reached)} by hand: Client session at two", fault.Timeline[^1].Text);
        Assert.Null(fault.Timeline[^1].Rule);
    }

    [Theory]
    [InlineData(SupportTier.SecondLine, SupportTier.FirstLine, "The fault is at Second line already; an escalation only goes up.")]
    [InlineData(SupportTier.SecondLine, SupportTier.SecondLine, "The fault is at Second line already; an escalation only goes up.")]
    [InlineData(SupportTier.Manager, SupportTier.Manager, "The fault is at Manager already; an escalation only goes up.")]
    [InlineData(SupportTier.Manager, null, "The fault is at the Manager tier already; there is no higher tier.")]
    public void Escalating_by_hand_never_goes_down_or_sideways(SupportTier from, SupportTier? to, string message)
    {
        var fault = AtTier(from);
        var (version, entries) = (fault.Version, fault.Timeline.Count);

        var refusal = Assert.Throws<DomainRuleException>(() => fault.Escalate(to, "Because", Engineer, T0.AddMinutes(10)));

        Assert.Equal(message, refusal.Message);
        Assert.Equal((from, version, entries), (fault.Tier, fault.Version, fault.Timeline.Count));
    }

    private static Fault AtTier(SupportTier tier)
    {
        var fault = Build.Fault();
        if (tier > SupportTier.FirstLine)
        {
            fault.Escalate(tier, "Set up", Engineer, T0.AddMinutes(1));
        }

        return fault;
    }

    // The SLA columns the queue sorts by

    [Fact]
    public void The_sla_columns_follow_the_next_target_from_acknowledge_to_restore_to_resolve_to_none()
    {
        var fault = Build.Fault(severity: Severity.P2);
        Assert.Equal((SlaTarget.Acknowledge, T0.AddHours(1), T0.AddMinutes(45)), Sla(fault));

        fault.Acknowledge(Engineer, T0.AddMinutes(5));
        Assert.Equal((SlaTarget.Restore, T0.AddHours(4), T0.AddHours(3)), Sla(fault));
        Assert.Equal(T0.AddHours(3), fault.NextRuleAt);

        fault.ApplyWorkaround("Play out from the local cache", Acceptability.Acceptable, null, Engineer, T0.AddMinutes(10));
        Assert.Equal((SlaTarget.Resolve, T0.AddHours(24), T0.AddHours(18)), Sla(fault));

        fault.Resolve("Replaced the HBA", null, null, Engineer, T0.AddMinutes(20));
        Assert.Equal((null, null, null), Sla(fault));
        Assert.Null(fault.NextRuleAt);

        fault.Reopen("Back again", Engineer, Policy, T0.AddHours(2));
        Assert.Equal((SlaTarget.Acknowledge, T0.AddHours(3), T0.AddHours(2).AddMinutes(45)), Sla(fault));
    }

    [Fact]
    public void A_fault_with_no_restore_target_goes_from_acknowledge_straight_to_resolve()
    {
        var fault = Build.Fault(severity: Severity.P3);

        fault.Acknowledge(Engineer, T0.AddMinutes(5));

        Assert.Equal((SlaTarget.Resolve, fault.Targets.ResolveBy, fault.Targets.ResolveWarnAt), Sla(fault));
    }

    [Fact]
    public void The_next_rule_instant_moves_from_each_warning_to_its_due_time_and_is_gone_once_both_have_fired()
    {
        var fault = Build.Fault(severity: Severity.P2);
        Assert.Equal(T0.AddMinutes(45), fault.NextRuleAt);
        var steps = new (DateTimeOffset Run, DateTimeOffset? Next)[]
        {
            (T0.AddMinutes(45), T0.AddHours(1)),
            (T0.AddHours(1).AddSeconds(1), T0.AddHours(3)),
            (T0.AddHours(3), T0.AddHours(4)),
            (T0.AddHours(4).AddSeconds(1), T0.AddHours(18)),
            (T0.AddHours(18), T0.AddHours(24)),
            (T0.AddHours(24).AddSeconds(1), null),
        };

        foreach (var (at, next) in steps)
        {
            Assert.NotEmpty(Run(fault, at));
            Assert.Equal(next, fault.NextRuleAt);
        }
    }

    [Fact]
    public void A_changed_policy_moves_the_targets_from_when_the_cycle_started_and_keeps_escalations_made()
    {
        var fault = Build.Fault(severity: Severity.P2);
        Run(fault, T0.AddMinutes(61));
        var targets = Policy.Targets.ToDictionary();
        targets[Severity.P2] = new SeverityTarget(30, 2 * 60, 8 * 60, TargetCalendar.AllHours);
        var stricter = new EscalationPolicy(Policy.TimeZone, Policy.BusinessHours, Policy.Holidays, Policy.WarningPercent,
            Policy.Recurrence, Policy.DeadlineRiskHours, targets);
        var version = fault.Version;

        fault.Retarget(stricter, T0.AddMinutes(62));

        Assert.Equal((T0.AddMinutes(30), (DateTimeOffset?)T0.AddHours(2), T0.AddHours(8)),
            (fault.Targets.AcknowledgeBy, fault.Targets.RestoreBy, fault.Targets.ResolveBy));
        Assert.Equal(SupportTier.SecondLine, fault.Tier);
        Assert.Equal(version + 1, fault.Version);
        Assert.Equal(T0.AddMinutes(90), fault.NextRuleAt);

        fault.Retarget(stricter, T0.AddMinutes(63));
        Assert.Equal(version + 1, fault.Version);
    }

    private static (SlaTarget?, DateTimeOffset?, DateTimeOffset?) Sla(Fault fault) => (fault.SlaNext, fault.SlaDueAt, fault.SlaWarnAt);

    private static void MeetTargetsBefore(Fault fault, SlaTarget target, DateTimeOffset at)
    {
        if (target == SlaTarget.Restore)
        {
            fault.Acknowledge(Engineer, at);
        }
        else if (target == SlaTarget.Resolve)
        {
            fault.ApplyWorkaround("Play out from the local cache", Acceptability.Acceptable, null, Engineer, at);
        }
    }

    private static void Meet(Fault fault, SlaTarget target, DateTimeOffset at)
    {
        switch (target)
        {
            case SlaTarget.Acknowledge:
                fault.Acknowledge(Engineer, at);
                break;
            case SlaTarget.Restore:
                fault.ApplyWorkaround("Play out from the local cache", Acceptability.Acceptable, null, Engineer, at);
                break;
            default:
                fault.Resolve("Replaced the HBA", null, null, Engineer, at);
                break;
        }
    }
}
