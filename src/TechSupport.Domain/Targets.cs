namespace TechSupport.Domain;

// E1: when a fault must be acknowledged, restored (a workaround in place) and resolved, and (E3)
// when each target's warning falls due. Computed by the escalation policy.
public sealed record Targets(DateTimeOffset AcknowledgeBy, DateTimeOffset? RestoreBy, DateTimeOffset ResolveBy)
{
    public DateTimeOffset AcknowledgeWarnAt { get; init; } = AcknowledgeBy;
    public DateTimeOffset? RestoreWarnAt { get; init; } = RestoreBy;
    public DateTimeOffset ResolveWarnAt { get; init; } = ResolveBy;

    public DateTimeOffset? DueBy(SlaTarget target) => target switch
    {
        SlaTarget.Acknowledge => AcknowledgeBy,
        SlaTarget.Restore => RestoreBy,
        _ => ResolveBy,
    };

    public DateTimeOffset? WarnAt(SlaTarget target) => target switch
    {
        SlaTarget.Acknowledge => AcknowledgeWarnAt,
        SlaTarget.Restore => RestoreWarnAt,
        _ => ResolveWarnAt,
    };
}

public enum SlaTarget
{
    Acknowledge,
    Restore,
    Resolve
}
