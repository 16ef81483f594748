using TechSupport.Application.Features.Shared;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

// A fault as the API reads it (DESIGN: API surface).
public sealed record FaultView(
    Guid Id,
    string Number,
    string Title,
    string Symptoms,
    FaultStatus Status,
    Severity Severity,
    FaultCategory Category,
    WorkflowStage? WorkflowStage,
    Classification Classification,
    SupportTier Tier,
    NamedRef? Suite,
    NamedRef? Equipment,
    NamedRef? Production,
    NamedRef ReportedBy,
    NamedRef? Assignee,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? AcknowledgedAt,
    TargetsView Targets,
    SlaView Sla,
    ImpactView Impact,
    bool HealthAndSafety,
    bool SecurityIncident,
    int? ConfigurationRevision,
    ResolutionView? Resolution,
    IReadOnlyList<WorkaroundView> Workarounds,
    string? ExternalRef,
    bool QcFlagged,
    bool AttachmentsLocked,
    RecurringProblemView? RecurringProblem,
    int Version)
{
    // The fault's suite, equipment and production must be loaded.
    public static FaultView From(Fault f, IReadOnlyDictionary<Guid, string> people, DateTimeOffset now,
        IReadOnlyDictionary<Guid, List<FaultRef>>? recurring = null) => new(
        f.Id,
        f.Reference,
        f.Title,
        f.Symptoms,
        f.Status,
        f.Severity,
        f.Category,
        f.WorkflowStage,
        f.Classification,
        f.Tier,
        f.Suite is null ? null : new NamedRef(f.Suite.Id, f.Suite.Name),
        f.Equipment is null ? null : new NamedRef(f.Equipment.Id, f.Equipment.Name),
        f.Production is null ? null : new NamedRef(f.Production.Id, f.Production.Name),
        new NamedRef(f.ReportedById, people.GetValueOrDefault(f.ReportedById, "(unknown)")),
        f.AssigneeId is { } a ? new NamedRef(a, people.GetValueOrDefault(a, "(unknown)")) : null,
        f.CreatedAt,
        f.UpdatedAt,
        f.AcknowledgedAt,
        new TargetsView(f.Targets.AcknowledgeBy, f.Targets.RestoreBy, f.Targets.ResolveBy),
        SlaView.Of(f, now),
        new ImpactView(f.Impact.SessionHoursLost, f.Impact.EstimatedCost, f.Impact.DeadlineAtRisk),
        f.HealthAndSafety,
        f.SecurityIncident,
        f.ConfigurationRevisionNumber,
        f.Resolution is { } r ? new ResolutionView(r.Fix, r.RootCause, r.AppliesTo, r.Effectiveness, r.ResolvedAt) : null,
        f.Workarounds.OrderBy(w => w.AppliedAt)
            .Select(w => new WorkaroundView(w.Description, w.Acceptability, w.Conditions, w.AppliedAt, w.AppliedByName,
                w.Changes.Select(c => new ChangeView(Camel(c.Aspect), c.Value)).ToList(),
                w.Conflicts.Select(ConflictView.From).ToList())).ToList(),
        f.ExternalRef,
        f.QcFlagged,
        f.AttachmentsLocked,
        f.RecurringProblemId is { } problem
            ? new RecurringProblemView(problem, recurring?.GetValueOrDefault(problem) ?? [])
            : null,
        f.Version);

    internal static string Camel(DeliverableAspect aspect) => char.ToLowerInvariant(aspect.ToString()[0]) + aspect.ToString()[1..];
}

public sealed record TargetsView(DateTimeOffset AcknowledgeBy, DateTimeOffset? RestoreBy, DateTimeOffset ResolveBy);

public sealed record ImpactView(decimal? SessionHoursLost, decimal? EstimatedCost, bool DeadlineAtRisk);

public sealed record ResolutionView(string Fix, string? RootCause, string? AppliesTo, Effectiveness Effectiveness,
    DateTimeOffset ResolvedAt);

public sealed record WorkaroundView(string Description, Acceptability Acceptability, string? Conditions,
    DateTimeOffset AppliedAt, string AppliedBy, IReadOnlyList<ChangeView> Changes, IReadOnlyList<ConflictView> Conflicts);

// What a workaround changes, by the API's name for it (frameRate, bitDepth…).
public sealed record ChangeView(string Aspect, string Value);

public sealed record ConflictView(string Aspect, string Change, string Deliverable, string Message)
{
    public static ConflictView From(DeliverableConflict c) => new(FaultView.Camel(c.Aspect), c.Change, c.Deliverable, c.Message);
}

public sealed record FaultRef(Guid Id, string Number, FaultStatus Status);

// E6: the recurring problem a fault belongs to, and its faults the caller may see.
public sealed record RecurringProblemView(Guid Id, IReadOnlyList<FaultRef> Faults);

// The next unmet target: when it falls due, whether it is missed, whether its warning point has passed.
public sealed record SlaView(string? Next, DateTimeOffset? DueAt, bool Breached, bool AtRisk)
{
    public static SlaView Of(Fault f, DateTimeOffset now) => new(
        f.SlaNext is { } next ? EscalationRules.Name(next) : null,
        f.SlaDueAt,
        f.SlaDueAt is { } due && now > due,
        f.SlaDueAt is { } d && now <= d && f.SlaWarnAt is { } warn && now >= warn);
}
