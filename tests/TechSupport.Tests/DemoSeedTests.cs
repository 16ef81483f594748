using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Data;
using TechSupport.Application.Seeding;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

public sealed class DemoApp : TechSupportApp
{
    public DemoApp() => With("TechSupport:Demo", "true");
}

public sealed class DemoSeedTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task The_demo_facility_has_suites_with_equipment_and_a_standard_build_and_productions_of_every_classification()
    {
        var manager = await app.SignInAsync("manager@demo.local", DemoSeeder.DemoPassword);

        var suites = await manager.GetFromJsonAsync<JsonElement>("/api/v1/suites");
        var productions = await (await app.SignInAsync("engineer@demo.local", DemoSeeder.DemoPassword))
            .GetFromJsonAsync<JsonElement>("/api/v1/productions");

        Assert.True(suites.GetProperty("total").GetInt32() >= 8);
        Assert.All(suites.GetProperty("items").EnumerateArray(), s =>
        {
            Assert.NotEmpty(s.GetProperty("equipment").EnumerateArray());
            Assert.Equal(1, s.GetProperty("configurationRevision").GetInt32());
        });
        Assert.Equal(
            ["Confidential", "Restricted", "Standard"],
            productions.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("classification").GetString()).Distinct().Order());
    }

    [Fact]
    public async Task The_demo_engineer_is_cleared_for_every_production_and_the_operator_for_none()
    {
        var engineer = await app.SignInAsync("engineer@demo.local", DemoSeeder.DemoPassword);
        var operatorClient = await app.SignInAsync("operator@demo.local", DemoSeeder.DemoPassword);

        var me = await engineer.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var all = await engineer.GetFromJsonAsync<JsonElement>("/api/v1/productions");
        var operatorMe = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/me");

        Assert.Equal(all.GetProperty("total").GetInt32(), me.GetProperty("clearances").GetArrayLength());
        Assert.Empty(operatorMe.GetProperty("clearances").EnumerateArray());
        var operatorFaults = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/faults?pageSize=100");
        Assert.All(operatorFaults.GetProperty("items").EnumerateArray(),
            f => Assert.Equal("Standard", f.GetProperty("classification").GetString()));
        var engineerFaults = await engineer.GetFromJsonAsync<JsonElement>("/api/v1/faults");
        Assert.True(engineerFaults.GetProperty("total").GetInt32() > operatorFaults.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_fault_logged_in_a_demo_suite_records_the_suites_current_configuration_revision()
    {
        var operatorClient = await app.SignInAsync("operator@demo.local", DemoSeeder.DemoPassword);
        var suite = (await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/suites")).GetProperty("items")[0];

        var fault = await new FaultBuilder(suite.GetProperty("id").GetGuid()).SendAsync(operatorClient);

        Assert.Equal(suite.GetProperty("configurationRevision").GetInt32(), fault.GetProperty("configurationRevision").GetInt32());
    }

    [Fact]
    public async Task Every_demo_suite_records_its_standard_build_even_when_another_suite_shares_its_type()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        var suites = await db.Suites.AsNoTracking().Where(s => s.Name == "Grade 1" || s.Name == "Grade 2").ToListAsync();
        var ids = suites.Select(s => s.Id).ToArray();

        var builds = await db.ConfigurationRevisions.AsNoTracking().Where(r => ids.Contains(r.SuiteId) && r.Number == 1).ToListAsync();

        Assert.Equal(2, builds.Count);
        Assert.All(builds, r => Assert.Contains(r.Components, c => c.Product == "DaVinci Resolve Studio"));
        Assert.Equal(builds[0].Components, builds[1].Components);
    }

    [Fact]
    public async Task Kit_added_by_hand_matches_the_same_kit_in_a_demo_suites_standard_build()
    {
        var manager = await app.SignInAsync("manager@demo.local", DemoSeeder.DemoPassword);
        var engineer = await app.SignInAsync("engineer@demo.local", DemoSeeder.DemoPassword);
        var operatorClient = await app.SignInAsync("operator@demo.local", DemoSeeder.DemoPassword);
        var grade = (await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/suites")).GetProperty("items").EnumerateArray()
            .First(s => s.GetProperty("suiteType").GetString() == "Grade").GetProperty("id").GetGuid();
        var handMade = await new SuiteBuilder()
            .WithEquipment(EquipmentKind.Software, "Blackmagic Design", "DaVinci Resolve Studio", "19.1.2")
            .SendAsync(manager);
        var word = "glorpframe" + Guid.NewGuid().ToString("N")[..4];
        var fault = await new FaultBuilder(handMade).Titled($"Timeline hangs on {word} renders").SendAsync(engineer);
        var faultId = fault.GetProperty("id").GetGuid();
        (await engineer.PostAsJsonAsync($"/api/v1/faults/{faultId}/resolve", new { fix = "Disable the GPU render cache" }))
            .EnsureSuccessStatusCode();
        await app.IndexedAsync();

        var suggestions = await (await operatorClient.PostAsJsonAsync("/api/v1/search/suggestions",
            new { suiteId = grade, title = $"Timeline hangs on {word} renders", symptoms = "" })).JsonAsync();

        var hit = suggestions.GetProperty("hits")[0];
        Assert.Equal(faultId, hit.GetProperty("id").GetGuid());
        Assert.Equal(1, hit.GetProperty("configurationMatch").GetDouble());
    }

    [Fact]
    public async Task Seeding_again_leaves_an_existing_facility_alone_and_appending_adds_exactly_n_faults()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        var before = await db.Faults.CountAsync();

        Assert.False(await seeder.SeedAsync(CancellationToken.None));
        Assert.Equal(40, await seeder.AppendFaultsAsync(40, 99, CancellationToken.None));

        Assert.Equal(before + 40, await db.Faults.CountAsync());
        Assert.Equal(await db.Faults.CountAsync(), await db.Faults.Select(f => f.Number).Distinct().CountAsync());
    }
}

public sealed class DemoSeedDeterminismTests
{
    [Fact]
    public async Task The_same_seed_generates_the_same_historical_faults()
    {
        var first = await GenerateAsync(1234);
        var second = await GenerateAsync(1234);
        var other = await GenerateAsync(4321);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    private static async Task<List<string>> GenerateAsync(int seed)
    {
        await using var app = new DemoApp();
        await ((IAsyncLifetime)app).InitializeAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        var start = await db.Faults.MaxAsync(f => f.Number);
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().AppendFaultsAsync(25, seed, CancellationToken.None);
        return await db.Faults.Where(f => f.Number > start).OrderBy(f => f.Number)
            .Select(f => f.Title + "|" + f.Severity + "|" + f.Category).ToListAsync();
    }
}
