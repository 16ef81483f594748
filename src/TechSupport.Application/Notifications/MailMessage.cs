namespace TechSupport.Application.Notifications;

// An e-mail waiting to go, written in the same transaction as the change it tells of, so a dead
// mail server never loses or blocks the change; the mail dispatcher sends it and keeps trying.
public sealed class MailMessage
{
    public long Id { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset EnqueuedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}
