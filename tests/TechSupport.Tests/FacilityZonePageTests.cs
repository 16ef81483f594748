using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// A class of its own: it moves the facility out of London for every page of its app.
public sealed class FacilityZonePageTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task A_facility_outside_the_uk_reads_its_times_with_the_offset_named()
    {
        var admin = await app.AdminAsync();
        var policy = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/admin/escalation-policy"))!;
        policy["timeZone"] = "America/New_York";
        (await admin.PutAsJsonAsync("/api/v1/admin/escalation-policy", policy)).EnsureSuccessStatusCode();
        var suiteId = await new SuiteBuilder().SendAsync(admin);
        var engineer = await app.PagesAsync(Role.Engineer);

        // 23 November 2026, 10:15 UTC is 05:15 in New York (EST, five hours behind).
        var fault = await new FaultBuilder(suiteId).WithSeverity(Severity.P1).SendAsync(admin);
        var page = await engineer.GetAsync($"/faults/{fault.GetProperty("id").GetGuid()}");

        Assert.Equal("Mon 23 Nov, 05:15 UTC−05:00", page.Text("table.targets time[datetime='2026-11-23T10:15:00Z']"));
    }
}
