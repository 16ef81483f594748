using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Seeding;

// Fills an empty database with the demo facility and the demo users of DESIGN.md (demo mode only).
public sealed class DemoSeeder(TechSupportDbContext db, UserAccounts accounts)
{
    public const string DemoPassword = "Demo-Password-1";

    public async Task<bool> SeedAsync(CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct))
        {
            return false;
        }

        await accounts.CreateAsync("admin@demo.local", DemoPassword, "Alex Admin", Role.Admin);
        await accounts.CreateAsync("manager@demo.local", DemoPassword, "Morgan Manager", Role.Manager);
        await accounts.CreateAsync("engineer@demo.local", DemoPassword, "Erin Engineer", Role.Engineer);
        await accounts.CreateAsync("operator@demo.local", DemoPassword, "Oli Operator", Role.Operator);
        return true;
    }

    public Task<int> AppendFaultsAsync(int count, int seed, CancellationToken ct) =>
        throw new InvalidOperationException("Generated faults need the seed catalogue, which is not loaded yet.");
}
