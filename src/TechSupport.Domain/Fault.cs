namespace TechSupport.Domain;

public sealed class Fault
{
    private readonly List<FaultEvent> _timeline = [];
    private readonly List<Workaround> _workarounds = [];

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
    public IReadOnlyList<FaultEvent> Timeline => _timeline;
    public IReadOnlyList<Workaround> Workarounds => _workarounds;

    public bool IsOpen => Status is not (FaultStatus.Resolved or FaultStatus.Closed);

    public static Fault Log(FaultReport report, int number, Actor reporter, BusinessCalendar calendar, DateTimeOffset now)
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
            Targets = Targets.For(report.Severity, now, calendar),
            ConfigurationRevisionId = report.ConfigurationRevision?.Id,
            ConfigurationRevisionNumber = report.ConfigurationRevision?.Number,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        fault.Record(now, reporter, FaultEventKind.Logged,
            $"Logged {fault.Severity} {fault.Category} fault from {report.Suite.Name}.");
        return fault;
    }

    public void Acknowledge(Actor actor, DateTimeOffset now)
    {
        if (Status is not (FaultStatus.New or FaultStatus.Reopened))
        {
            throw new DomainRuleException($"Only a new or reopened fault can be acknowledged; this one is {Status}.");
        }

        AcknowledgedAt ??= now;
        Status = FaultStatus.Acknowledged;
        Touch(now);
        Record(now, actor, FaultEventKind.Acknowledged, "Acknowledged.");
    }

    public void Assign(Guid assigneeId, string assigneeName, Actor actor, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new DomainRuleException($"A {Status.ToString().ToLowerInvariant()} fault cannot be assigned.");
        }

        if (AssigneeId == assigneeId)
        {
            throw new DomainRuleException($"The fault is already assigned to {assigneeName}.");
        }

        AssigneeId = assigneeId;
        // Taking a fault on is also acknowledging it: the acknowledge target (E1) is met.
        AcknowledgedAt ??= now;
        if (Status is FaultStatus.New or FaultStatus.Acknowledged or FaultStatus.Reopened)
        {
            Status = FaultStatus.InProgress;
        }

        Touch(now);
        Record(now, actor, FaultEventKind.Assigned, $"Assigned to {assigneeName}.");
    }

    public Workaround ApplyWorkaround(string description, Acceptability acceptability, string? conditions, Actor actor,
        DateTimeOffset now)
    {
        RequireOpen("have a workaround applied");
        var workaround = new Workaround(Id, description.Trim(), acceptability, Blank(conditions), actor, now);
        _workarounds.Add(workaround);
        AcknowledgedAt ??= now;
        Status = FaultStatus.WorkaroundApplied;
        Touch(now);
        var label = acceptability switch
        {
            Acceptability.Acceptable => "acceptable",
            Acceptability.AcceptableWithConditions => $"acceptable if {workaround.Conditions ?? "conditions are met"}",
            _ => "NOT acceptable for deliverables",
        };
        Record(now, actor, FaultEventKind.WorkaroundApplied, $"Workaround ({label}): {workaround.Description}");
        return workaround;
    }

    public void Resolve(string fix, string? rootCause, string? appliesTo, Actor actor, DateTimeOffset now)
    {
        RequireOpen("be resolved");
        Resolution = new Resolution(fix.Trim(), Blank(rootCause), Blank(appliesTo), Effectiveness.Unverified, now, actor.Id);
        AcknowledgedAt ??= now;
        ResolvedAt = now;
        Status = FaultStatus.Resolved;
        Touch(now);
        Record(now, actor, FaultEventKind.Resolved, $"Resolved: {Resolution.Fix}");
    }

    // E9: a reopened fault's resolution did not hold; it is marked Ineffective and goes up a tier.
    public void Reopen(string reason, Actor actor, DateTimeOffset now)
    {
        if (Status is not (FaultStatus.Resolved or FaultStatus.Closed))
        {
            throw new DomainRuleException($"Only a resolved or closed fault can be reopened; this one is {Status}.");
        }

        Resolution = Resolution is null ? null : Resolution with { Effectiveness = Effectiveness.Ineffective };
        Status = FaultStatus.Reopened;
        ResolvedAt = null;
        ClosedAt = null;
        Touch(now);
        Record(now, actor, FaultEventKind.Reopened, $"Reopened: {reason.Trim()}");
        if (Tier < SupportTier.Manager)
        {
            Tier++;
            Record(now, actor, FaultEventKind.Escalated, $"Escalated to {Tier} by rule E9 (reopened).");
        }
    }

    // E4: a health-and-safety fault needs a manager's sign-off to close.
    public void Close(Actor actor, bool managerSignOff, DateTimeOffset now)
    {
        if (Status != FaultStatus.Resolved)
        {
            throw new DomainRuleException($"Only a resolved fault can be closed; this one is {Status}.");
        }

        if (HealthAndSafety && !managerSignOff)
        {
            throw new DomainRuleException("A health-and-safety fault needs a manager to sign off its closing.");
        }

        Status = FaultStatus.Closed;
        ClosedAt = now;
        Touch(now);
        Record(now, actor, FaultEventKind.Closed, "Closed.");
    }

    public static Fault Import(HistoricalFault record, int number, Actor importer, BusinessCalendar calendar, DateTimeOffset now)
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
        fault.Apply(record, importer, calendar, now, $"Imported from the facility's records as {record.ExternalRef}.");
        return fault;
    }

    // Importing the same external reference again updates the fault; it never makes a second one.
    // S1: lowering a classification needs a manager and a reason, which an import row cannot give.
    public void Reimport(HistoricalFault record, Actor importer, BusinessCalendar calendar, DateTimeOffset now)
    {
        var classification = record.Production?.Classification ?? Classification.Standard;
        if (classification < Classification)
        {
            throw new DomainRuleException(
                $"Importing this record would lower the fault from {Classification} to {classification}; that needs a manager and a reason.");
        }

        Apply(record, importer, calendar, now, $"Updated from the facility's records ({record.ExternalRef}).");
    }

    private void Apply(HistoricalFault record, Actor importer, BusinessCalendar calendar, DateTimeOffset now, string note)
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
        Targets = Targets.For(record.Severity, record.ReportedAt, calendar);
        var closedOrResolved = record.Status is FaultStatus.Resolved or FaultStatus.Closed;
        ResolvedAt = closedOrResolved ? record.ResolvedAt ?? record.ReportedAt : null;
        ClosedAt = record.Status == FaultStatus.Closed ? ResolvedAt : null;
        AcknowledgedAt = record.Status == FaultStatus.New ? null : record.ReportedAt;
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

    private void RequireOpen(string action)
    {
        if (!IsOpen)
        {
            throw new DomainRuleException($"A {Status.ToString().ToLowerInvariant()} fault cannot {action}; reopen it first.");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public void Comment(string text, Actor actor, DateTimeOffset now)
    {
        Touch(now);
        Record(now, actor, FaultEventKind.Comment, text.Trim());
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }

    private void Record(DateTimeOffset now, Actor actor, FaultEventKind kind, string text) =>
        _timeline.Add(new FaultEvent(Id, Version, now, actor.Id, actor.Name, kind, text));
}
