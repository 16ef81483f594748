using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Data;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

public sealed class FacilityTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task A_manager_sets_up_a_suite_with_equipment_and_everyone_can_pick_it()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().Named("Grade 7").OfType(SuiteType.Grade).SendAsync(manager);

        var added = await manager.PostAsJsonAsync($"/api/v1/suites/{suiteId}/equipment", new
        {
            kind = "IoCard", make = "Blackmagic Design", model = "DeckLink 8K Pro", serial = "BM-8K-0042", firmware = "Desktop Video 14.2",
        });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var equipmentId = (await added.JsonAsync()).GetProperty("id").GetGuid();
        var operatorClient = (await app.UserAsync(Role.Operator)).Client;
        var suites = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/suites");
        var suite = suites.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == suiteId);
        Assert.Equal("Grade", suite.GetProperty("suiteType").GetString());
        Assert.Equal("Blackmagic Design DeckLink 8K Pro", suite.GetProperty("equipment")[0].GetProperty("name").GetString());

        var fault = await operatorClient.PostAsJsonAsync("/api/v1/faults", new
        {
            suiteId, equipmentId, title = "SDI out black", symptoms = "No signal on the BVM after reboot",
            workflowStage = "Grade", category = "Signal", severity = "P1",
        });
        Assert.Equal(HttpStatusCode.Created, fault.StatusCode);
        Assert.Equal(equipmentId, (await fault.JsonAsync()).GetProperty("equipment").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_new_suite_starts_at_configuration_revision_1_and_each_item_of_equipment_makes_the_next()
    {
        var (manager, managerId) = await app.UserAsync(Role.Manager);
        var created = await (await manager.PostAsJsonAsync("/api/v1/suites", new { name = "Grade 12", suiteType = "Grade" })).JsonAsync();
        var suiteId = created.GetProperty("id").GetGuid();
        Assert.Equal(1, created.GetProperty("configurationRevision").GetInt32());

        await manager.PostAsJsonAsync($"/api/v1/suites/{suiteId}/equipment", new
        {
            kind = "Software", make = "Blackmagic Design", model = "DaVinci Resolve Studio", firmware = "19.1.2",
        });
        await manager.PostAsJsonAsync($"/api/v1/suites/{suiteId}/equipment", new
        {
            kind = "ReferenceMonitor", make = "Sony", model = "BVM-HX3110", serial = "SN-7001",
        });

        var suites = await manager.GetFromJsonAsync<JsonElement>("/api/v1/suites");
        var suite = suites.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == suiteId);
        Assert.Equal(3, suite.GetProperty("configurationRevision").GetInt32());
        var fault = await new FaultBuilder(suiteId).SendAsync(manager);
        Assert.Equal(3, fault.GetProperty("configurationRevision").GetInt32());

        await using var scope = app.Services.CreateAsyncScope();
        var revisions = await scope.ServiceProvider.GetRequiredService<TechSupportDbContext>().ConfigurationRevisions
            .Where(r => r.SuiteId == suiteId).OrderBy(r => r.Number).ToListAsync();
        Assert.Equal([1, 2, 3], revisions.Select(r => r.Number));
        Assert.Equal(["Suite created", "Added Blackmagic Design DaVinci Resolve Studio", "Added Sony BVM-HX3110"],
            revisions.Select(r => r.Reason));
        Assert.All(revisions, r => Assert.Equal(managerId, r.AuthorId));
        Assert.Empty(revisions[0].Components);
        var resolve = new ConfigurationComponent(EquipmentKind.Software, "DaVinci Resolve Studio", "Blackmagic Design", "19.1.2");
        Assert.Equal([resolve], revisions[1].Components);
        Assert.Equal([resolve, new ConfigurationComponent(EquipmentKind.ReferenceMonitor, "BVM-HX3110", "Sony", "")],
            revisions[2].Components);
    }

    [Fact]
    public async Task Equipment_from_another_suite_is_refused_by_name()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var grade = await new SuiteBuilder().SendAsync(manager);
        var dub = await new SuiteBuilder().OfType(SuiteType.AudioMix).SendAsync(manager);
        var added = await manager.PostAsJsonAsync($"/api/v1/suites/{dub}/equipment",
            new { kind = "AudioInterface", make = "Avid", model = "MTRX Studio" });
        var equipmentId = (await added.JsonAsync()).GetProperty("id").GetGuid();

        var response = await manager.PostAsJsonAsync("/api/v1/faults", new
        {
            suiteId = grade, equipmentId, title = "No audio", symptoms = "Meters dead", workflowStage = "Audio",
            category = "Audio", severity = "P2",
        });

        await Problems.AssertFieldErrorAsync(response, "equipmentId");
    }

    [Fact]
    public async Task An_operator_or_engineer_may_not_create_suites_or_productions()
    {
        foreach (var role in new[] { Role.Operator, Role.Engineer })
        {
            var client = (await app.UserAsync(role)).Client;
            Assert.Equal(HttpStatusCode.Forbidden,
                (await client.PostAsJsonAsync("/api/v1/suites", new { name = "Edit 99", suiteType = "OfflineEdit" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden,
                (await client.PostAsJsonAsync("/api/v1/productions", new { name = "Pilot", classification = "Standard" })).StatusCode);
        }
    }

    [Fact]
    public async Task A_production_carries_its_classification_deliverable_spec_and_deadline()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;

        var response = await manager.PostAsJsonAsync("/api/v1/productions", new
        {
            name = "The Long Night",
            classification = "Confidential",
            deliverableSpec = new { resolution = "3840x2160", frameRate = "24", colourSpace = "Rec.2020", transfer = "PQ", loudnessTarget = "-27 LKFS" },
            deliveryDeadline = "2026-12-01T18:00:00Z",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var production = await response.JsonAsync();
        Assert.Equal("Confidential", production.GetProperty("classification").GetString());
        Assert.Equal("PQ", production.GetProperty("deliverableSpec").GetProperty("transfer").GetString());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 18, 0, 0, TimeSpan.Zero),
            production.GetProperty("deliveryDeadline").GetDateTimeOffset());
    }

    [Fact]
    public async Task Duplicate_or_nameless_suites_and_productions_are_refused_by_name()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        await new SuiteBuilder().Named("Online 3").SendAsync(manager);

        await Problems.AssertFieldErrorAsync(
            await manager.PostAsJsonAsync("/api/v1/suites", new { name = "Online 3", suiteType = "OnlineEdit" }), "name");
        await Problems.AssertFieldErrorAsync(
            await manager.PostAsJsonAsync("/api/v1/suites", new { name = "", suiteType = "OnlineEdit" }), "name");
        await Problems.AssertFieldErrorAsync(
            await manager.PostAsJsonAsync("/api/v1/suites", new { name = "Online 4" }), "suiteType");
        await Problems.AssertFieldErrorAsync(
            await manager.PostAsJsonAsync("/api/v1/productions", new { name = "Pilot" }), "classification");
        await Problems.AssertFieldErrorAsync(
            await manager.PostAsJsonAsync($"/api/v1/suites/{Guid.NewGuid()}/equipment", new { kind = "Deck" }), "make");
    }

    [Fact]
    public async Task Equipment_for_a_suite_that_does_not_exist_is_404()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;

        var response = await manager.PostAsJsonAsync($"/api/v1/suites/{Guid.NewGuid()}/equipment",
            new { kind = "Deck", make = "Sony", model = "SRW-5800" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class UserAdministrationTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task An_admin_creates_a_user_who_can_then_sign_in_with_that_role()
    {
        var admin = await app.AdminAsync();

        var created = await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email = "dit@test.local", password = TechSupportApp.Password, displayName = "Dana DIT", role = "Operator",
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = await app.SignInAsync("dit@test.local");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("Operator", me.GetProperty("role").GetString());
        Assert.Equal("Dana DIT", me.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Only_an_admin_administers_users()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var (_, engineerId) = await app.UserAsync(Role.Engineer);

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email = "x@test.local", password = TechSupportApp.Password, displayName = "X", role = "Admin",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutAsJsonAsync($"/api/v1/admin/users/{engineerId}/clearances",
            new { productionIds = Array.Empty<Guid>() })).StatusCode);
    }

    [Fact]
    public async Task A_bad_new_user_is_refused_field_by_field()
    {
        var admin = await app.AdminAsync();
        await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email = "taken@test.local", password = TechSupportApp.Password, displayName = "T", role = "Engineer",
        });

        await Problems.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email = "taken@test.local", password = TechSupportApp.Password, displayName = "T", role = "Engineer",
        }), "email");
        await Problems.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email = "not-an-email", password = "short", displayName = "", role = "Wizard",
        }), "role");
        var weak = await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email = "weak@test.local", password = "short", displayName = "W", role = "Engineer",
        });
        await Problems.AssertFieldErrorAsync(weak, "password");
    }

    [Fact]
    public async Task Clearances_for_a_production_that_does_not_exist_are_refused_and_the_old_ones_kept()
    {
        var admin = await app.AdminAsync();
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var productionId = await new ProductionBuilder().Classified(Classification.Confidential).SendAsync(manager);
        var (engineer, engineerId) = await app.UserAsync(Role.Engineer, productionId);

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/users/{engineerId}/clearances",
            new { productionIds = new[] { productionId, Guid.NewGuid() } });

        await Problems.AssertFieldErrorAsync(response, "productionIds");
        var me = await engineer.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal([productionId], me.GetProperty("clearances").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/v1/admin/users/{Guid.NewGuid()}/clearances",
            new { productionIds = Array.Empty<Guid>() })).StatusCode);
    }

    [Fact]
    public async Task Granting_a_restricted_clearance_never_shows_the_admin_a_production_they_may_not_see()
    {
        var admin = await app.AdminAsync();
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var productionId = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(manager);
        var (_, engineerId) = await app.UserAsync(Role.Engineer);

        var granted = await admin.PutAsJsonAsync($"/api/v1/admin/users/{engineerId}/clearances",
            new { productionIds = new[] { productionId } });
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users");

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var clearance = (await granted.JsonAsync()).GetProperty("clearances")[0];
        Assert.Equal(productionId, clearance.GetProperty("id").GetGuid());
        Assert.DoesNotContain("Production ", clearance.GetProperty("name").GetString());
        var listed = users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("id").GetGuid() == engineerId)
            .GetProperty("clearances")[0];
        Assert.Equal(productionId, listed.GetProperty("id").GetGuid());
        Assert.DoesNotContain("Production ", listed.GetProperty("name").GetString());
    }
}
