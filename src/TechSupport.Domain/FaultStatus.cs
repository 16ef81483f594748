namespace TechSupport.Domain;

public enum FaultStatus
{
    New,
    Acknowledged,
    InProgress,
    WorkaroundApplied,
    Resolved,
    Closed,
    Reopened
}
