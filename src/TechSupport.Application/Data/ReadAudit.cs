using TechSupport.Domain;

namespace TechSupport.Application.Data;

// S6: every read of Confidential or Restricted material (a fault, its briefing, an article, an
// attachment, an export) leaves an audit event naming who read what, in the same hash chain as the
// changes. Standard material is read freely and leaves nothing.
public sealed class ReadAudit(TechSupportDbContext db)
{
    public const string Action = "Read";

    public async Task RecordAsync(Classification classification, string entityType, Guid entityId, string what,
        CancellationToken ct)
    {
        if (classification == Classification.Standard)
        {
            return;
        }

        db.QueueAuditEvent(Action, entityType, entityId.ToString(), $"{{\"read\":\"{what}\",\"classification\":\"{classification}\"}}");
        if (db.Database.CurrentTransaction is not null)
        {
            // Inside a command: its own save writes the read with its changes.
            return;
        }

        await db.SaveChangesAsync(ct);
    }
}
