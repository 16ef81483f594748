namespace TechSupport.Domain;

public enum FaultEventKind
{
    Logged,
    Acknowledged,
    Assigned,
    Comment,
    StatusChanged,
    Escalated,
    ClassificationChanged,
    WorkaroundApplied,
    Resolved,
    Reopened,
    Closed,
    Imported,
    Warning,
    SeverityChanged,
    ServiceChanged,
    RecurrenceLinked,
    EffectivenessChanged,
    Alert,
    Promoted
}
