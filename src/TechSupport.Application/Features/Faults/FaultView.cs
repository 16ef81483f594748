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
    ImpactView Impact,
    bool HealthAndSafety,
    bool SecurityIncident,
    int? ConfigurationRevision,
    ResolutionView? Resolution,
    IReadOnlyList<WorkaroundView> Workarounds,
    string? ExternalRef,
    int Version)
{
    // The fault's suite, equipment and production must be loaded.
    public static FaultView From(Fault f, IReadOnlyDictionary<Guid, string> people) => new(
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
        new ImpactView(f.Impact.SessionHoursLost, f.Impact.EstimatedCost, f.Impact.DeadlineAtRisk),
        f.HealthAndSafety,
        f.SecurityIncident,
        f.ConfigurationRevisionNumber,
        f.Resolution is { } r ? new ResolutionView(r.Fix, r.RootCause, r.AppliesTo, r.Effectiveness, r.ResolvedAt) : null,
        f.Workarounds.OrderBy(w => w.AppliedAt)
            .Select(w => new WorkaroundView(w.Description, w.Acceptability, w.Conditions, w.AppliedAt, w.AppliedByName)).ToList(),
        f.ExternalRef,
        f.Version);
}

public sealed record TargetsView(DateTimeOffset AcknowledgeBy, DateTimeOffset? RestoreBy, DateTimeOffset ResolveBy);

public sealed record ImpactView(decimal? SessionHoursLost, decimal? EstimatedCost, bool DeadlineAtRisk);

public sealed record ResolutionView(string Fix, string? RootCause, string? AppliesTo, Effectiveness Effectiveness,
    DateTimeOffset ResolvedAt);

public sealed record WorkaroundView(string Description, Acceptability Acceptability, string? Conditions,
    DateTimeOffset AppliedAt, string AppliedBy);
