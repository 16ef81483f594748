using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// S1–S3 for every role: what a user may not see answers 404 and is missing from lists and counts.
public sealed class VisibilityTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    public static TheoryData<Role, Classification, bool, bool> Rules => new()
    {
        { Role.Operator, Classification.Standard, false, true },
        { Role.Operator, Classification.Confidential, false, false },
        { Role.Operator, Classification.Confidential, true, true },
        { Role.Operator, Classification.Restricted, false, false },
        { Role.Operator, Classification.Restricted, true, true },
        { Role.Engineer, Classification.Standard, false, true },
        { Role.Engineer, Classification.Confidential, false, false },
        { Role.Engineer, Classification.Confidential, true, true },
        { Role.Engineer, Classification.Restricted, false, false },
        { Role.Engineer, Classification.Restricted, true, true },
        { Role.Manager, Classification.Standard, false, true },
        { Role.Manager, Classification.Confidential, false, true },
        { Role.Manager, Classification.Restricted, false, false },
        { Role.Manager, Classification.Restricted, true, true },
        { Role.Admin, Classification.Standard, false, true },
        { Role.Admin, Classification.Confidential, false, true },
        { Role.Admin, Classification.Restricted, false, false },
        { Role.Admin, Classification.Restricted, true, true },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task A_fault_is_seen_only_by_those_its_production_allows(Role role, Classification classification,
        bool cleared, bool visible)
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var productionId = await new ProductionBuilder().Classified(classification).SendAsync(manager);
        var reporter = (await app.UserAsync(Role.Operator, productionId)).Client;
        var fault = await new FaultBuilder(suiteId).For(productionId).SendAsync(reporter);
        var id = fault.GetProperty("id").GetGuid();
        Assert.Equal(classification.ToString(), fault.GetProperty("classification").GetString());

        var viewer = cleared ? (await app.UserAsync(role, productionId)).Client : (await app.UserAsync(role)).Client;

        var expected = visible ? HttpStatusCode.OK : HttpStatusCode.NotFound;
        Assert.Equal(expected, (await viewer.GetAsync($"/api/v1/faults/{id}")).StatusCode);
        Assert.Equal(expected, (await viewer.GetAsync($"/api/v1/faults/{id}/timeline")).StatusCode);
        Assert.Equal(expected,
            (await viewer.PostAsJsonAsync($"/api/v1/faults/{id}/comments", new { text = "Seen from MCR." })).StatusCode);

        var list = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/faults?suiteId={suiteId}");
        Assert.Equal(visible ? 1 : 0, list.GetProperty("total").GetInt32());
        Assert.Equal(visible, list.GetProperty("items").EnumerateArray().Any(f => f.GetProperty("id").GetGuid() == id));

        var productions = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/productions");
        Assert.Equal(visible, productions.GetProperty("items").EnumerateArray().Any(p => p.GetProperty("id").GetGuid() == productionId));
    }

    [Fact]
    public async Task A_fault_without_a_production_is_standard_and_seen_by_everyone()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var fault = await new FaultBuilder(suiteId).SendAsync((await app.UserAsync(Role.Operator)).Client);

        Assert.Equal("Standard", fault.GetProperty("classification").GetString());
        var other = (await app.UserAsync(Role.Operator)).Client;
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/v1/faults/{fault.GetProperty("id").GetGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_security_incident_is_restricted_and_seen_by_its_reporter_and_managers_only()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var standard = await new ProductionBuilder().SendAsync(manager);
        var reporter = (await app.UserAsync(Role.Operator)).Client;

        var fault = await new FaultBuilder(suiteId).For(standard).AsSecurityIncident().SendAsync(reporter);
        var id = fault.GetProperty("id").GetGuid();

        Assert.Equal("Restricted", fault.GetProperty("classification").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reporter.GetAsync($"/api/v1/faults/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/faults/{id}")).StatusCode);
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.GetAsync($"/api/v1/faults/{id}")).StatusCode);
        var list = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/faults?suiteId={suiteId}");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_revoked_clearance_hides_the_fault_at_once()
    {
        var admin = await app.AdminAsync();
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var productionId = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(manager);
        var (engineer, engineerId) = await app.UserAsync(Role.Engineer, productionId);
        var id = (await new FaultBuilder(suiteId).For(productionId).SendAsync(engineer)).GetProperty("id").GetGuid();

        (await admin.PutAsJsonAsync($"/api/v1/admin/users/{engineerId}/clearances", new { productionIds = Array.Empty<Guid>() }))
            .EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NotFound, (await engineer.GetAsync($"/api/v1/faults/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_fault_cannot_be_assigned_to_an_engineer_who_may_not_see_it()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var productionId = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(manager);
        var cleared = (await app.UserAsync(Role.Engineer, productionId)).Client;
        var (_, uncleared) = await app.UserAsync(Role.Engineer);
        var id = (await new FaultBuilder(suiteId).For(productionId).SendAsync(cleared)).GetProperty("id").GetGuid();

        var response = await cleared.PostAsJsonAsync($"/api/v1/faults/{id}/assign", new { assigneeId = uncleared });

        await Problems.AssertFieldErrorAsync(response, "assigneeId");
    }
}
