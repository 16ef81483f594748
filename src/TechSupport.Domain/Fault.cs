namespace TechSupport.Domain;

public sealed class Fault
{
    private readonly List<FaultEvent> _timeline = [];
    private readonly List<Workaround> _workarounds = [];
    private readonly List<RuleFiring> _firings = [];

    private Fault() => (Title, Symptoms) = ("", "");

    public Guid Id { get; private set; }
    public int Number { get; private set; }
    public string Reference => FaultNumber.Format(Number);
    public string Title { get; private set; }
    public string Symptoms { get; private set; }
    public FaultStatus Status { get; private set; }
    public Severity Severity { get; private set; }
    public FaultCategory Category { get; private set; }
    public WorkflowStage? WorkflowStage { get; private set; }
    public Classification Classification { get; private set; }
    public SupportTier Tier { get; private set; }
    public Guid? SuiteId { get; private set; }
    public Suite? Suite { get; private set; }
    public Guid? EquipmentId { get; private set; }
    public Equipment? Equipment { get; private set; }
    public Guid? ProductionId { get; private set; }
    public Production? Production { get; private set; }
    public Guid ReportedById { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public Impact Impact { get; private set; } = new();
    public bool HealthAndSafety { get; private set; }
    public bool SecurityIncident { get; private set; }
    public Targets Targets { get; private set; } = null!; // set by Log; EF materialises it as an owned type
    public Guid? ConfigurationRevisionId { get; private set; }
    public int? ConfigurationRevisionNumber { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public Resolution? Resolution { get; private set; }
    public string? ExternalRef { get; private set; }
    public string? EquipmentText { get; private set; }
    public int Version { get; private set; }
    // 1, and one more each time the fault is reopened: the targets and the rules start again.
    public int Cycle { get; private set; } = 1;
    public DateTimeOffset CycleStartedAt { get; private set; }
    // When work was restored in this cycle (a workaround in place, or the fix): meets the restore target.
    public DateTimeOffset? RestoredAt { get; private set; }
    // E8: the deliverable must go through QC because of a short cut taken on it.
    public bool QcFlagged { get; private set; }
    // E5: the attachments of a security incident are locked.
    public bool AttachmentsLocked { get; private set; }
    // E6: the first fault of the recurring problem this one belongs to.
    public Guid? RecurringProblemId { get; private set; }
    // The Alertmanager fingerprint of the alert that opened it, so a repeat updates it instead.
    public string? AlertFingerprint { get; private set; }
    // The next unmet target, its due instant and its warning instant: stored so a queue sorts by risk in SQL.
    public SlaTarget? SlaNext { get; private set; }
    public DateTimeOffset? SlaDueAt { get; private set; }
    public DateTimeOffset? SlaWarnAt { get; private set; }
    // The next instant a time rule (E3, E2) could act on the fault: the timer looks only at faults past theirs.
    public DateTimeOffset? NextRuleAt { get; private set; }
    public IReadOnlyList<FaultEvent> Timeline => _timeline;
    public IReadOnlyList<Workaround> Workarounds => _workarounds;
    public IReadOnlyList<RuleFiring> Firings => _firings;

    public bool IsOpen => FaultLifecycle.IsOpen(Status);

    public static Fault Log(FaultReport report, int number, Actor reporter, EscalationPolicy policy, DateTimeOffset now)
    {
        if (report.Equipment is { } item && item.SuiteId != report.Suite.Id)
        {
            throw new DomainRuleException("The equipment is not in the suite the fault is logged from.");
        }

        // S1: the fault inherits its production's classification, Standard when there is none;
        // E5: a security incident is Restricted whatever its production.
        var classification = report.SecurityIncident
            ? Classification.Restricted
            : report.Production?.Classification ?? Classification.Standard;

        var fault = new Fault
        {
            Id = Ids.New(now),
            Number = number,
            Title = report.Title.Trim(),
            Symptoms = report.Symptoms.Trim(),
            Status = FaultStatus.New,
            Severity = report.Severity,
            Category = report.Category,
            WorkflowStage = report.WorkflowStage,
            Classification = classification,
            Tier = SupportTier.FirstLine,
            SuiteId = report.Suite.Id,
            Suite = report.Suite,
            EquipmentId = report.Equipment?.Id,
            Equipment = report.Equipment,
            ProductionId = report.Production?.Id,
            Production = report.Production,
            ReportedById = reporter.Id ?? Guid.Empty,
            Impact = report.Impact ?? new Impact(),
            HealthAndSafety = report.HealthAndSafety,
            SecurityIncident = report.SecurityIncident,
            Targets = policy.TargetsFor(report.Severity, now),
            CycleStartedAt = now,
            ConfigurationRevisionId = report.ConfigurationRevision?.Id,
            ConfigurationRevisionNumber = report.ConfigurationRevision?.Number,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
            AlertFingerprint = report.AlertFingerprint,
        };
        fault.RefreshSla();
        fault.Record(now, reporter, FaultEventKind.Logged,
            $"Logged {fault.Severity} {fault.Category} fault from {report.Suite.Name}.");
        return fault;
    }

    public void Acknowledge(Actor actor, DateTimeOffset now)
    {
        Status = FaultLifecycle.Require(Status, FaultAction.Acknowledge);
        AcknowledgedAt ??= now;
        Touch(now);
        Record(now, actor, FaultEventKind.Acknowledged, "Acknowledged.");
    }

    public void Assign(Guid assigneeId, string assigneeName, Actor actor, DateTimeOffset now)
    {
        var next = FaultLifecycle.Require(Status, FaultAction.Assign);
        if (AssigneeId == assigneeId)
        {
            throw new DomainRuleException($"The fault is already assigned to {assigneeName}.");
        }

        AssigneeId = assigneeId;
        // Taking a fault on is also acknowledging it: the acknowledge target (E1) is met.
        AcknowledgedAt ??= now;
        Status = next;
        Touch(now);
        Record(now, actor, FaultEventKind.Assigned, $"Assigned to {assigneeName}.");
    }

    public Workaround ApplyWorkaround(string description, Acceptability acceptability, string? conditions, Actor actor,
        DateTimeOffset now, IReadOnlyList<WorkaroundChange>? changes = null)
    {
        Status = FaultLifecycle.Require(Status, FaultAction.ApplyWorkaround);
        changes ??= [];
        var conflicts = DeliverableCheck.Conflicts(changes, Production?.DeliverableSpec);
        var workaround = new Workaround(Id, description.Trim(), acceptability, Blank(conditions), actor, now, changes, conflicts);
        _workarounds.Add(workaround);
        AcknowledgedAt ??= now;
        RestoredAt ??= now;
        Touch(now);
        var label = acceptability switch
        {
            Acceptability.Acceptable => "acceptable",
            Acceptability.AcceptableWithConditions => $"acceptable if {workaround.Conditions ?? "conditions are met"}",
            _ => "NOT acceptable for deliverables",
        };
        var warning = conflicts.Count == 0 ? "" : " — conflicts with the deliverable: " + string.Join(" ", conflicts.Select(c => c.Message));
        Record(now, actor, FaultEventKind.WorkaroundApplied, $"Workaround ({label}): {workaround.Description}{warning}");
        return workaround;
    }

    public void Resolve(string fix, string? rootCause, string? appliesTo, Actor actor, DateTimeOffset now)
    {
        Status = FaultLifecycle.Require(Status, FaultAction.Resolve);
        Resolution = new Resolution(fix.Trim(), Blank(rootCause), Blank(appliesTo), Effectiveness.Unverified, now, actor.Id);
        AcknowledgedAt ??= now;
        RestoredAt ??= now;
        ResolvedAt = now;
        Touch(now);
        Record(now, actor, FaultEventKind.Resolved, $"Resolved: {Resolution.Fix}");
    }

    // E9: a reopened fault's resolution did not hold: it is marked Ineffective, its targets start
    // again from now, and the rules escalate it (EscalationRules).
    public void Reopen(string reason, Actor actor, EscalationPolicy policy, DateTimeOffset now)
    {
        Status = FaultLifecycle.Require(Status, FaultAction.Reopen);
        Resolution = Resolution is null ? null : Resolution with { Effectiveness = Effectiveness.Ineffective };
        ResolvedAt = null;
        ClosedAt = null;
        AcknowledgedAt = null;
        RestoredAt = null;
        Cycle++;
        CycleStartedAt = now;
        Targets = policy.TargetsFor(Severity, now);
        Touch(now);
        Record(now, actor, FaultEventKind.Reopened, $"Reopened: {reason.Trim()}");
    }

    // E4: a health-and-safety fault needs a manager's sign-off to close.
    public void Close(Actor actor, bool managerSignOff, DateTimeOffset now)
    {
        var next = FaultLifecycle.Require(Status, FaultAction.Close);
        if (HealthAndSafety && !managerSignOff)
        {
            throw new DomainRuleException("A health-and-safety fault needs a manager to sign off its closing.");
        }

        Status = next;
        ClosedAt = now;
        Touch(now);
        Record(now, actor, FaultEventKind.Closed, HealthAndSafety ? "Closed with a manager's sign-off." : "Closed.");
        if (HealthAndSafety && Suite is { } suite && suite.OutOfServiceFaultId == Id)
        {
            suite.ReturnToService();
            Record(now, actor, FaultEventKind.ServiceChanged, $"{suite.Name} is back in service.");
        }
    }

    public static Fault Import(HistoricalFault record, int number, Actor importer, EscalationPolicy policy, DateTimeOffset now)
    {
        var fault = new Fault
        {
            Id = Ids.New(record.ReportedAt),
            Number = number,
            ReportedById = importer.Id ?? Guid.Empty,
            Tier = SupportTier.FirstLine,
            CreatedAt = record.ReportedAt,
            Version = 0,
        };
        fault.Take(record, importer, policy, now, $"Imported from the facility's records as {record.ExternalRef}.");
        return fault;
    }

    // Importing the same external reference again updates the fault; it never makes a second one.
    // S1: lowering a classification needs a manager and a reason, which an import row cannot give.
    public void Reimport(HistoricalFault record, Actor importer, EscalationPolicy policy, DateTimeOffset now)
    {
        var classification = record.Production?.Classification ?? Classification.Standard;
        if (classification < Classification)
        {
            throw new DomainRuleException(
                $"Importing this record would lower the fault from {Classification} to {classification}; that needs a manager and a reason.");
        }

        Take(record, importer, policy, now, $"Updated from the facility's records ({record.ExternalRef}).");
    }

    private void Take(HistoricalFault record, Actor importer, EscalationPolicy policy, DateTimeOffset now, string note)
    {
        ExternalRef = record.ExternalRef.Trim();
        Title = record.Title.Trim();
        Symptoms = record.Symptoms.Trim();
        EquipmentText = Blank(record.EquipmentText);
        Category = record.Category;
        WorkflowStage = record.WorkflowStage;
        Severity = record.Severity;
        Status = record.Status;
        Suite = record.Suite;
        SuiteId = record.Suite?.Id;
        Production = record.Production;
        ProductionId = record.Production?.Id;
        Classification = record.Production?.Classification ?? Classification.Standard;
        Targets = policy.TargetsFor(record.Severity, record.ReportedAt);
        CycleStartedAt = record.ReportedAt;
        var closedOrResolved = record.Status is FaultStatus.Resolved or FaultStatus.Closed;
        ResolvedAt = closedOrResolved ? record.ResolvedAt ?? record.ReportedAt : null;
        ClosedAt = record.Status == FaultStatus.Closed ? ResolvedAt : null;
        AcknowledgedAt = record.Status == FaultStatus.New ? null : record.ReportedAt;
        RestoredAt = closedOrResolved || record.Status == FaultStatus.WorkaroundApplied ? ResolvedAt ?? record.ReportedAt : null;
        Resolution = record.Fix is { Length: > 0 } fix
            ? new Resolution(fix.Trim(), Blank(record.RootCause), null, Effectiveness.Unverified,
                record.ResolvedAt ?? record.ReportedAt, importer.Id)
            : null;
        if (record.WorkaroundDescription is { Length: > 0 } workaround
            && _workarounds.All(w => w.Description != workaround.Trim()))
        {
            _workarounds.Add(new Workaround(Id, workaround.Trim(), record.WorkaroundAcceptability ?? Acceptability.AcceptableWithConditions,
                null, importer, record.ReportedAt));
        }

        Touch(now);
        Record(now, importer, FaultEventKind.Imported, note);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public void Comment(string text, Actor actor, DateTimeOffset now)
    {
        Touch(now);
        Record(now, actor, FaultEventKind.Comment, text.Trim());
    }

    // Escalation by hand (DESIGN: escalate): up to the tier asked for, one tier up when none is; never down.
    public void Escalate(SupportTier? to, string reason, Actor actor, DateTimeOffset now)
    {
        FaultLifecycle.Require(Status, FaultAction.Escalate);
        var target = to ?? (Tier < SupportTier.Manager ? Tier + 1 : Tier);
        if (target <= Tier)
        {
            throw new DomainRuleException(Tier == SupportTier.Manager && to is null
                ? "The fault is at the Manager tier already; there is no higher tier."
                : $"The fault is at {SupportTiers.Name(Tier)} already; an escalation only goes up.");
        }

        Tier = target;
        Touch(now);
        Record(now, actor, FaultEventKind.Escalated, $"Escalated to {SupportTiers.Name(Tier)} by hand: {reason.Trim()}");
    }

    // Partial is an engineer's judgement (PC8); Effective and Ineffective come from the rules.
    public void MarkPartlyEffective(string? note, Actor actor, DateTimeOffset now)
    {
        if (Resolution is null)
        {
            throw new DomainRuleException("Only a resolved fault has a resolution to judge.");
        }

        if (Resolution.Effectiveness == Effectiveness.Partial)
        {
            throw new DomainRuleException("The resolution is marked partly effective already.");
        }

        Resolution = Resolution with { Effectiveness = Effectiveness.Partial };
        Touch(now);
        var why = string.IsNullOrWhiteSpace(note) ? "" : $": {note.Trim()}";
        Record(now, actor, FaultEventKind.EffectivenessChanged, $"Resolution marked partly effective{why}");
    }

    // Its fix became a knowledge article: on the timeline, so the next engineer finds the article from here.
    public void NotePromoted(Actor actor, DateTimeOffset now)
    {
        Touch(now);
        Record(now, actor, FaultEventKind.Promoted, "Promoted to a knowledge article.");
    }

    // A repeat of the monitoring alert that opened the fault: on its timeline, never a second fault.
    public void NoteAlert(string text, Actor actor, DateTimeOffset now)
    {
        Touch(now);
        Record(now, actor, FaultEventKind.Alert, text);
    }

    // New targets from a changed policy: the clock still starts when the cycle started; escalations
    // already made stay made.
    public void Retarget(EscalationPolicy policy, DateTimeOffset now)
    {
        var targets = policy.TargetsFor(Severity, CycleStartedAt);
        if (targets == Targets)
        {
            return;
        }

        Targets = targets;
        Touch(now);
    }

    public bool HasFired(string key) => _firings.Any(f => f.Key == key);

    public bool Met(SlaTarget target) => target switch
    {
        SlaTarget.Acknowledge => AcknowledgedAt is not null,
        SlaTarget.Restore => RestoredAt is not null || ResolvedAt is not null,
        _ => ResolvedAt is not null,
    };

    // Carries out what a rule decided (EscalationRules), records it on the timeline naming the rule,
    // and remembers it so it never fires again at that level.
    public void Apply(RuleDecision decision, EscalationPolicy policy, DateTimeOffset now)
    {
        if (HasFired(decision.Key))
        {
            return;
        }

        _firings.Add(new RuleFiring(Id, decision.Rule, decision.Key, now));
        var rule = decision.Rule.ToString();
        switch (decision.Effect)
        {
            case RuleEffect.Warn:
                Touch(now);
                var due = decision.Target is { } t ? Targets.DueBy(t) : null;
                Record(now, Actor.System, FaultEventKind.Warning,
                    $"Warning by rule {rule}: {decision.Reason}; due {Clock(due, policy)}.", decision.Rule);
                return;
            case RuleEffect.MarkEffective or RuleEffect.MarkIneffective when Resolution is not null:
                var effectiveness = decision.Effect == RuleEffect.MarkEffective ? Effectiveness.Effective : Effectiveness.Ineffective;
                Resolution = Resolution with { Effectiveness = effectiveness };
                Touch(now);
                Record(now, Actor.System, FaultEventKind.EffectivenessChanged,
                    $"Resolution marked {effectiveness.ToString().ToLowerInvariant()} by rule {rule}: {decision.Reason}.", decision.Rule);
                return;
            case RuleEffect.RaiseSeverity when Severity > Severity.P1:
                var was = Severity;
                Severity--;
                Targets = policy.TargetsFor(Severity, CycleStartedAt);
                Record(now, Actor.System, FaultEventKind.SeverityChanged, $"Severity raised from {was} to {Severity} by rule {rule}: {decision.Reason}.",
                    decision.Rule);
                break;
        }

        switch (decision.Rule)
        {
            case EscalationRuleId.E4 when Suite is { } suite && suite.OutOfServiceSince is null:
                suite.TakeOutOfService(Id, now);
                Record(now, Actor.System, FaultEventKind.ServiceChanged, $"{suite.Name} taken out of service by rule {rule}.", decision.Rule);
                break;
            case EscalationRuleId.E5:
                Classification = Classification.Restricted;
                AttachmentsLocked = true;
                break;
            case EscalationRuleId.E6:
                RecurringProblemId ??= decision.RecurringProblemId;
                break;
            case EscalationRuleId.E8:
                QcFlagged = true;
                break;
        }

        var from = Tier;
        Tier = decision.Tier is { } floor ? (floor > Tier ? floor : Tier) : Tier < SupportTier.Manager ? Tier + 1 : Tier;
        Touch(now);
        // A rule asking for a tier the fault is at or above already (E6, E8) leaves it there; only Manager is the top.
        Record(now, Actor.System, FaultEventKind.Escalated, Tier != from
            ? $"Escalated from {SupportTiers.Name(from)} to {SupportTiers.Name(Tier)} by rule {rule}: {decision.Reason}."
            : Tier == SupportTier.Manager
                ? $"Rule {rule}: {decision.Reason}; the fault stays at {SupportTiers.Name(Tier)}, the highest it can go."
                : $"Rule {rule}: {decision.Reason}; the fault stays at {SupportTiers.Name(Tier)}.", decision.Rule);
    }

    // E6 from another fault's side: it belongs to a recurring problem found later.
    public void LinkRecurringProblem(Guid problemId, DateTimeOffset now)
    {
        if (RecurringProblemId is not null)
        {
            return;
        }

        RecurringProblemId = problemId;
        Touch(now);
        Record(now, Actor.System, FaultEventKind.RecurrenceLinked, "Linked to a recurring problem by rule E6.", EscalationRuleId.E6);
    }

    private static string Clock(DateTimeOffset? at, EscalationPolicy policy) =>
        at is { } value ? WallClock.Format(value, policy.Calendar.TimeZone, "ddd d MMM HH:mm") : "–";

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
        RefreshSla();
    }

    private void RefreshSla()
    {
        SlaNext = !IsOpen ? null
            : !Met(SlaTarget.Acknowledge) ? SlaTarget.Acknowledge
            : !Met(SlaTarget.Restore) && Targets.RestoreBy is not null ? SlaTarget.Restore
            : !Met(SlaTarget.Resolve) ? SlaTarget.Resolve
            : null;
        SlaDueAt = SlaNext is { } next ? Targets.DueBy(next) : null;
        SlaWarnAt = SlaNext is { } n ? Targets.WarnAt(n) : null;
        NextRuleAt = null;
        if (!IsOpen)
        {
            return;
        }

        foreach (var target in Enum.GetValues<SlaTarget>().Where(t => !Met(t) && Targets.DueBy(t) is not null))
        {
            var at = !HasFired(EscalationRules.WarningKey(target, Cycle)) ? Targets.WarnAt(target)
                : !HasFired(EscalationRules.BreachKey(target, Cycle)) ? Targets.DueBy(target)
                : null;
            if (at is { } instant && (NextRuleAt is null || instant < NextRuleAt))
            {
                NextRuleAt = instant;
            }
        }
    }

    private void Record(DateTimeOffset now, Actor actor, FaultEventKind kind, string text, EscalationRuleId? rule = null) =>
        _timeline.Add(new FaultEvent(Id, Version, now, actor.Id, actor.Name, kind, text, rule));
}
