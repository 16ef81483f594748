namespace TechSupport.Application.Outbox;

// A change to searchable data, written in the same transaction as the change itself; the
// dispatcher sends the entity's current state to the search index and then deletes the row.
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public Guid EntityId { get; set; }
    public long Version { get; set; }
    public DateTimeOffset EnqueuedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}
