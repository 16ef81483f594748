using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Data;

// Turns tracked changes into audit entries with before/after values. Owned parts (targets, impact,
// components) are folded into their owner so one change reads as one event.
internal static class AuditTrail
{
    private static readonly HashSet<string> Secret = new(StringComparer.Ordinal)
    {
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp),
    };

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    internal sealed record Change(string Action, string EntityType, string EntityId, string? Before, string? After);

    public static List<Change> Collect(ChangeTracker tracker)
    {
        var groups = new Dictionary<(string Type, string Id), Group>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                // Bookkeeping, not facts: the outboxes, counters, the evaluator's lease, the mail queue, the
                // bell (a notification repeats what the fault's own audited change already says) and the API
                // sign-in sessions (one row per sign-in, moved on by every refresh).
                || entry.Entity is AuditEvent or Counter or Outbox.OutboxMessage or Escalation.EscalationLease
                    or Notifications.MailMessage or Notifications.Notification or TokenSession)
            {
                continue;
            }

            var (root, rootId, prefix) = Root(entry);
            var key = (root.ClrType.Name, rootId);
            if (!groups.TryGetValue(key, out var group))
            {
                group = new Group();
                groups[key] = group;
            }

            if (!entry.Metadata.IsOwned())
            {
                group.Action = entry.State.ToString();
            }

            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (property.Metadata.IsShadowProperty() && property.Metadata.IsKey() && entry.Metadata.IsOwned())
                {
                    continue;
                }

                var label = prefix + name;
                // A user token's value is an authenticator key or the recovery codes: never written out.
                var secret = Secret.Contains(name)
                    || (entry.Entity is Microsoft.AspNetCore.Identity.IdentityUserToken<Guid> && name == "Value");
                switch (entry.State)
                {
                    case EntityState.Added:
                        group.After[label] = secret ? "***" : property.CurrentValue;
                        break;
                    case EntityState.Deleted:
                        group.Before[label] = secret ? "***" : property.OriginalValue;
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                        group.Before[label] = secret ? "***" : property.OriginalValue;
                        group.After[label] = secret ? "***" : property.CurrentValue;
                        break;
                }
            }
        }

        return groups
            .Where(g => g.Value.Before.Count > 0 || g.Value.After.Count > 0)
            .Select(g => new Change(g.Value.Action, g.Key.Type, g.Key.Id,
                g.Value.Before.Count == 0 ? null : JsonSerializer.Serialize(g.Value.Before, Json),
                g.Value.After.Count == 0 ? null : JsonSerializer.Serialize(g.Value.After, Json)))
            .ToList();
    }

    private static (IEntityType Root, string RootId, string Prefix) Root(EntityEntry entry)
    {
        var type = entry.Metadata;
        if (!type.IsOwned())
        {
            return (type, KeyOf(entry, type.FindPrimaryKey()!.Properties), "");
        }

        // An owned part's foreign key holds its owner's key; nested ownership is not used in this model.
        var ownership = type.FindOwnership()!;
        var ordinal = ownership.IsUnique ? "" : $"[{KeyOf(entry, type.FindPrimaryKey()!.Properties.Except(ownership.Properties).ToList())}]";
        return (ownership.PrincipalEntityType, KeyOf(entry, ownership.Properties),
            ownership.PrincipalToDependent!.Name + ordinal + ".");
    }

    private static string KeyOf(EntityEntry entry, IReadOnlyList<IProperty> properties) =>
        string.Join(",", properties.Select(p => entry.Property(p.Name).CurrentValue ?? entry.Property(p.Name).OriginalValue));

    private sealed class Group
    {
        public string Action { get; set; } = nameof(EntityState.Modified);
        public Dictionary<string, object?> Before { get; } = [];
        public Dictionary<string, object?> After { get; } = [];
    }
}
