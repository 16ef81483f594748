namespace TechSupport.Domain;

public sealed class Fault
{
    private readonly List<FaultEvent> _timeline = [];

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
    public int Version { get; private set; }
    public IReadOnlyList<FaultEvent> Timeline => _timeline;

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
