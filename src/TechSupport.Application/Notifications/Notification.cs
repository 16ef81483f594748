namespace TechSupport.Application.Notifications;

// One line in a user's bell: what happened to which fault. Read back only through the faults the
// user may see now (S3), so a revoked clearance hides it too.
public sealed class Notification
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid FaultId { get; set; }
    public NotificationKind Kind { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

public enum NotificationKind
{
    Escalated,
    Warning,
    Acknowledged,
    Resolved,
    Assigned,
    Reopened,
    Alert
}
