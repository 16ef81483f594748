using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using TechSupport.Domain;

namespace TechSupport.Application.Outbox;

// Which searchable records a save changes: a fault (or its timeline, workarounds), an article.
// One outbox row per record and save, carrying the version the index must reach.
internal static class SearchChanges
{
    public const string Fault = "fault";
    public const string Article = "article";

    public static IEnumerable<OutboxMessage> Collect(ChangeTracker tracker, DateTimeOffset now)
    {
        var changed = new Dictionary<(string Kind, Guid Id), long>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Domain.Fault fault:
                    changed[(Fault, fault.Id)] = fault.Version;
                    break;
                case FaultEvent e:
                    changed.TryAdd((Fault, e.FaultId), e.Sequence);
                    break;
                case KnowledgeArticle article:
                    // A deleted article is removed from the index with a version above its last.
                    changed[(Article, article.Id)] = entry.State == EntityState.Deleted ? article.Version + 1 : article.Version;
                    break;
            }
        }

        return changed.Select(c => new OutboxMessage
        {
            Kind = c.Key.Kind,
            EntityId = c.Key.Id,
            Version = c.Value,
            EnqueuedAt = now,
            NextAttemptAt = now,
        });
    }
}
