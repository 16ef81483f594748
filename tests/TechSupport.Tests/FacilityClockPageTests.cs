using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// Pages show and take times on the facility's wall clock (Europe/London by default); the API stays in UTC.
public sealed class FacilityClockPageTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task A_fault_page_shows_its_targets_in_GMT_in_winter_and_in_BST_in_summer()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var engineer = await app.PagesAsync(Role.Engineer);

        // 23 November 2026, 10:00 UTC: London is on GMT, so the wall clock reads the same.
        var winter = await new FaultBuilder(suiteId).WithSeverity(Severity.P1).SendAsync(manager);
        var winterPage = await engineer.GetAsync($"/faults/{winter.GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.OK, winterPage.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.Zero),
            winter.GetProperty("targets").GetProperty("acknowledgeBy").GetDateTimeOffset());
        Assert.Equal("Mon 23 Nov, 10:15 GMT", winterPage.Text("table.targets time[datetime='2026-11-23T10:15:00Z']"));
        Assert.DoesNotContain("UTC", winterPage.Text("main"), StringComparison.Ordinal);

        // 5 July 2027, 09:00 UTC is 10:00 BST: the target an operator reads is an hour on from the UTC instant.
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 7, 5, 9, 0, 0, TimeSpan.Zero));
        // Months on, the token and the cookie have expired: sign in again.
        var summer = await new FaultBuilder(suiteId).WithSeverity(Severity.P1).SendAsync(await app.AdminAsync());
        engineer = await app.PagesAsync(Role.Engineer);
        Assert.Equal(new DateTimeOffset(2027, 7, 5, 9, 15, 0, TimeSpan.Zero),
            summer.GetProperty("targets").GetProperty("acknowledgeBy").GetDateTimeOffset());
        var summerPage = await engineer.GetAsync($"/faults/{summer.GetProperty("id").GetGuid()}");
        Assert.Equal("Mon 5 Jul, 10:15 BST", summerPage.Text("table.targets time[datetime='2027-07-05T09:15:00Z']"));
        Assert.Equal("Mon 5 Jul, 14:00 BST", summerPage.Text("table.targets time[datetime='2027-07-05T13:00:00Z']"));

        // The winter fault read in summer keeps its own zone, and now names its year.
        var winterAgain = await engineer.GetAsync($"/faults/{winter.GetProperty("id").GetGuid()}");
        Assert.Equal("23 Nov 2026, 10:15 GMT", winterAgain.Text("table.targets time[datetime='2026-11-23T10:15:00Z']"));
    }

    [Fact]
    public async Task A_delivery_deadline_typed_in_summer_local_time_is_kept_as_the_utc_instant_and_shown_back_in_BST()
    {
        var admin = await app.PagesAsync(Role.Admin);
        var name = $"Harbour Lights {Guid.NewGuid():N}"[..24];
        var facility = await admin.GetAsync("/admin");
        var form = facility.Form("form[action*='handler=Production']");
        form["Production.Name"] = name;
        form["Production.Classification"] = "Standard";
        form["Production.DeliveryDeadline"] = "2027-07-15T17:00";
        form["Production.DeliverableSpec.BitDepth"] = "10-bit";
        form["Production.DeliverableSpec.SampleRate"] = "48 kHz";

        var created = await admin.SubmitAsync(form);

        Assert.Equal($"Production {name} created", created.Notice);
        var production = (await ProductionAsync(name))!.Value;
        Assert.Equal(new DateTimeOffset(2027, 7, 15, 16, 0, 0, TimeSpan.Zero), production.GetProperty("deliveryDeadline").GetDateTimeOffset());
        Assert.Equal("10-bit", production.GetProperty("deliverableSpec").GetProperty("bitDepth").GetString());
        Assert.Equal("48 kHz", production.GetProperty("deliverableSpec").GetProperty("sampleRate").GetString());
        Assert.Equal("Thu 15 Jul 2027, 17:00 BST", created.Text("time[datetime='2027-07-15T16:00:00Z']"));
    }

    [Fact]
    public async Task A_deadline_at_a_time_the_spring_clock_change_skips_is_refused_at_the_field()
    {
        var admin = await app.PagesAsync(Role.Admin);
        var name = $"Lantern Row {Guid.NewGuid():N}"[..24];
        var form = (await admin.GetAsync("/admin")).Form("form[action*='handler=Production']");
        form["Production.Name"] = name;
        form["Production.Classification"] = "Standard";
        // 28 March 2027: the clocks go from 01:00 to 02:00, so 01:30 never shows on a London clock.
        form["Production.DeliveryDeadline"] = "2027-03-28T01:30";

        var refused = await admin.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("does not happen in Europe/London", refused.Text("#Production_DeliveryDeadline-error"), StringComparison.Ordinal);
        Assert.Equal("true", refused.Get("#Production_DeliveryDeadline").GetAttribute("aria-invalid"));
        Assert.Null(await ProductionAsync(name, mustExist: false));
    }

    [Fact]
    public async Task A_deadline_at_a_time_the_autumn_clock_change_repeats_is_taken_as_the_first_and_the_page_says_so()
    {
        var admin = await app.PagesAsync(Role.Admin);
        var name = $"Twice Told {Guid.NewGuid():N}"[..24];
        var form = (await admin.GetAsync("/admin")).Form("form[action*='handler=Production']");
        form["Production.Name"] = name;
        form["Production.Classification"] = "Standard";
        // 31 October 2027: 01:30 happens in BST (00:30 UTC) and again in GMT (01:30 UTC).
        form["Production.DeliveryDeadline"] = "2027-10-31T01:30";

        var created = await admin.SubmitAsync(form);

        Assert.Contains("happens twice", created.Notice, StringComparison.Ordinal);
        Assert.Contains("01:30 BST", created.Notice, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero),
            (await ProductionAsync(name))!.Value.GetProperty("deliveryDeadline").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_production_with_a_bit_depth_or_sample_rate_too_long_is_refused_naming_the_field()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;

        var response = await manager.PostAsJsonAsync("/api/v1/productions", new
        {
            name = $"Long Spec {Guid.NewGuid():N}",
            classification = "Standard",
            deliverableSpec = new { bitDepth = new string('1', 101), sampleRate = new string('4', 101) },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("deliverableSpec.bitDepth", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("deliverableSpec.sampleRate", out _), errors.ToString());
    }

    private async Task<JsonElement?> ProductionAsync(string name, bool mustExist = true)
    {
        var admin = await app.AdminAsync();
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/productions");
        var found = list.GetProperty("items").EnumerateArray().Where(p => p.GetProperty("name").GetString() == name).ToList();
        Assert.True(!mustExist || found.Count == 1, $"Production {name} was not created.");
        return found.Count == 1 ? found[0] : null;
    }
}
