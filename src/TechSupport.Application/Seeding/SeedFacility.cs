using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Seeding;

// The facility as it stands in the database: what generated faults are logged against and by whom.
internal sealed record SeedFacility(
    IReadOnlyList<Suite> Suites,
    IReadOnlyList<Production> Productions,
    IReadOnlyDictionary<Guid, ConfigurationRevision> LatestRevisions,
    IReadOnlyList<SeedPerson> People)
{
    // Enough people to vary who reports; the policy is compiled per person, so the count stays bounded.
    private const int MaxPeople = 200;

    public static async Task<SeedFacility> LoadAsync(TechSupportDbContext db, CancellationToken ct)
    {
        // Ordered throughout so one seed gives the same faults on the same facility.
        var suites = await db.Suites.Include(s => s.Equipment).OrderBy(s => s.Name).ToListAsync(ct);
        var productions = await db.Productions.OrderBy(p => p.Name).ToListAsync(ct);
        var latest = await db.ConfigurationRevisions.AsNoTracking()
            .Where(r => r.Number == db.ConfigurationRevisions.Where(x => x.SuiteId == r.SuiteId).Max(x => x.Number))
            .ToDictionaryAsync(r => r.SuiteId, ct);

        var userIds = await db.Users.AsNoTracking().OrderBy(u => u.Email).Take(MaxPeople).Select(u => u.Id).ToListAsync(ct);
        var people = new List<SeedPerson>(userIds.Count);
        foreach (var id in userIds)
        {
            if (await db.AccessAsync(id, ct) is { } access)
            {
                people.Add(new SeedPerson(access));
            }
        }

        return new SeedFacility(suites, productions, latest, people);
    }
}
