namespace TechSupport.Domain;

// A fault from the facility's old system, as imported: it may have no suite or stage, and may
// arrive already resolved.
public sealed record HistoricalFault(
    string ExternalRef,
    string Title,
    string Symptoms,
    string? EquipmentText,
    FaultCategory Category,
    WorkflowStage? WorkflowStage,
    Severity Severity,
    FaultStatus Status,
    Suite? Suite,
    Production? Production,
    string? RootCause,
    string? WorkaroundDescription,
    Acceptability? WorkaroundAcceptability,
    string? Fix,
    DateTimeOffset ReportedAt,
    DateTimeOffset? ResolvedAt);
