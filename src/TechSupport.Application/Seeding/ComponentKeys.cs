using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Seeding;

internal static class ComponentKeys
{
    // The model keys a revision's components by (RevisionId, Id) and leaves Id to the database.
    // SQL Server makes it an identity column; SQLite only generates a lone INTEGER PRIMARY KEY, so the
    // insert fails there with "NOT NULL constraint failed: ConfigurationComponents.Id". Until the
    // model numbers components itself, the seeder gives them their ordinals on SQLite.
    public static void Number(TechSupportDbContext db, ConfigurationRevision revision)
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }

        var entries = db.ChangeTracker.Entries<ConfigurationComponent>()
            .ToDictionary(e => (object)e.Entity, ReferenceEqualityComparer.Instance);
        var ordinal = 0;
        foreach (var component in revision.Components)
        {
            ordinal++;
            if (entries.TryGetValue(component, out var entry)
                && entry.Metadata.FindProperty("Id") is { } key
                && entry.Property(key.Name).IsTemporary)
            {
                entry.Property(key.Name).CurrentValue = ordinal;
            }
        }
    }
}
