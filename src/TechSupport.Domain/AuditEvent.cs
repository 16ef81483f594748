using System.Security.Cryptography;
using System.Text;

namespace TechSupport.Domain;

// S7: append-only, and each event carries the hash of the one before it, so an edit or a
// deletion anywhere breaks the chain from that point on.
public sealed class AuditEvent
{
    private AuditEvent() => (ActorName, Action, EntityType, EntityId, PreviousHash, Hash) = ("", "", "", "", "", "");

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public Guid? ActorId { get; private set; }
    public string ActorName { get; private set; }
    public string Action { get; private set; }
    public string EntityType { get; private set; }
    public string EntityId { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string PreviousHash { get; private set; }
    public string Hash { get; private set; }

    public static AuditEvent Create(DateTimeOffset at, Actor actor, string action, string entityType, string entityId,
        string? before, string? after, string previousHash)
    {
        var audit = new AuditEvent
        {
            At = at,
            ActorId = actor.Id,
            ActorName = actor.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Before = before,
            After = after,
            PreviousHash = previousHash,
        };
        audit.Hash = audit.ComputeHash();
        return audit;
    }

    public string ComputeHash()
    {
        var text = string.Join('\u001f', PreviousHash, At.UtcTicks, ActorId, ActorName, Action, EntityType, EntityId,
            Before, After);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
