using Bogus;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Seeding;

// Fills an empty database with the demo facility and demo users of DESIGN.md (demo mode only), and
// appends generated historical faults for load and search testing (`seed --faults N`). The facility
// comes from the files under seed/; the folder can be given for tests.
public sealed class DemoSeeder(
    TechSupportDbContext db,
    UserAccounts accounts,
    TimeProvider clock,
    Escalation.PolicyStore policies,
    string? seedFolder = null)
{
    public const string DemoPassword = "Demo-Password-1";

    private const int DemoSeed = 20261123;
    private const int DemoFaultCount = 30;
    private const int BatchSize = 1_000;
    private const string StandardBuild = "Standard build";

    // The facility was commissioned just before the two years of generated history begin.
    private static readonly TimeSpan FacilityAge = TimeSpan.FromDays(760);
    private static readonly TimeSpan HistorySpan = TimeSpan.FromDays(730);

    private readonly string _folder = seedFolder ?? SeedCatalogue.DefaultFolder;

    public async Task<bool> SeedAsync(CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct))
        {
            return false;
        }

        var catalogue = await SeedCatalogue.LoadAsync(_folder, ct);
        var faker = new Faker { Random = new Randomizer(DemoSeed) };
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var admin = await accounts.CreateAsync("admin@demo.local", DemoPassword, "Alex Admin", Role.Admin);
        var manager = await accounts.CreateAsync("manager@demo.local", DemoPassword, "Morgan Manager", Role.Manager);
        var engineer = await accounts.CreateAsync("engineer@demo.local", DemoPassword, "Erin Engineer", Role.Engineer);
        var operatorUser = await accounts.CreateAsync("operator@demo.local", DemoPassword, "Oli Operator", Role.Operator);
        // The demo and scripts against it sign in with the published password alone, whatever the role;
        // saved with the facility below.
        foreach (var demoUser in new[] { admin, manager, engineer, operatorUser })
        {
            demoUser.MfaExempt = true;
        }

        AddFacility(catalogue, now - FacilityAge);
        var productions = AddProductions(catalogue, faker, now);
        // One row per production, never a wildcard (DESIGN: demo clearances).
        db.Clearances.AddRange(productions.Select(p => new ProductionClearance
        {
            UserId = engineer.Id,
            ProductionId = p.Id,
            GrantedAt = now,
        }));
        await db.SaveChangesAsync(ct);

        var numbers = new List<int>(DemoFaultCount);
        for (var i = 0; i < DemoFaultCount; i++)
        {
            numbers.Add(await db.NextFaultNumberAsync(ct));
        }

        var facility = await SeedFacility.LoadAsync(db, ct);
        var generator = new FaultGenerator(catalogue, facility, await policies.CurrentAsync(db, ct), faker);
        db.Faults.AddRange(generator.DemoFaults(numbers, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<int> AppendFaultsAsync(int count, int seed, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return 0;
        }

        var catalogue = await SeedCatalogue.LoadAsync(_folder, ct);
        var facility = await SeedFacility.LoadAsync(db, ct);
        if (facility.Suites.Count == 0)
        {
            throw new InvalidOperationException("There are no suites to log faults against; seed the demo facility or add suites first.");
        }

        if (facility.People.Count == 0)
        {
            throw new InvalidOperationException("There are no users to report the faults; create an administrator first.");
        }

        var faker = new Faker { Random = new Randomizer(seed) };
        var generator = new FaultGenerator(catalogue, facility, await policies.CurrentAsync(db, ct), faker);
        var now = clock.GetUtcNow();
        var from = now - HistorySpan;
        var span = HistorySpan - TimeSpan.FromDays(1);

        // Every fault is built whole before it is added, so change detection has nothing to find;
        // turning it off keeps each save proportional to its batch.
        var detectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            for (var done = 0; done < count; done += BatchSize)
            {
                var size = Math.Min(BatchSize, count - done);
                // A clear tracker per batch keeps memory flat; the facility is attached again so the
                // new faults refer to it rather than insert it.
                db.ChangeTracker.Clear();
                db.AttachRange(facility.Suites);
                db.AttachRange(facility.Productions);

                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var first = await db.ReserveFaultNumbersAsync(size, ct);
                for (var i = 0; i < size; i++)
                {
                    // One slot of the two years per fault, so numbers rise with time as they would have.
                    var slot = (done + i + faker.Random.Double()) / count;
                    db.Faults.Add(generator.Historical(first + i, from + span * slot, now));
                }

                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = detectChanges;
        }

        return count;
    }

    private void AddFacility(SeedCatalogue catalogue, DateTimeOffset commissioned)
    {
        foreach (var seed in catalogue.Facility)
        {
            var suite = Suite.Create(seed.Name, seed.SuiteType, commissioned);
            foreach (var item in seed.Equipment)
            {
                suite.AddEquipment(item.Kind, item.Make, item.Model, item.Serial, item.Firmware, commissioned);
            }

            db.Suites.Add(suite);
            var revision = ConfigurationRevision.First(
                suite.Id, catalogue.BaselineFor(seed.SuiteType).Baseline, null, StandardBuild, commissioned);
            db.ConfigurationRevisions.Add(revision);
        }
    }

    private List<Production> AddProductions(SeedCatalogue catalogue, Faker faker, DateTimeOffset now)
    {
        var productions = new List<Production>(catalogue.Productions.Count);
        foreach (var seed in catalogue.Productions)
        {
            var created = now - TimeSpan.FromDays(faker.Random.Int(30, 240));
            var deadline = seed.DeliveryInDays is { } days ? now + TimeSpan.FromDays(days) : (DateTimeOffset?)null;
            var production = Production.Create(seed.Name, seed.Classification, seed.DeliverableSpec, deadline, created);
            db.Productions.Add(production);
            productions.Add(production);
        }

        return productions;
    }
}
