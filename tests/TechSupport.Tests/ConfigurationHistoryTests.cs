using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// Issue 10: a suite's configuration history and the diff of any two revisions, on the API.
public sealed class ConfigurationHistoryTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    private async Task<(HttpClient Manager, Guid Suite)> SuiteWithNewKitAsync()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suite = await new SuiteBuilder().SendAsync(manager);
        var added = await manager.PostAsJsonAsync($"/api/v1/suites/{suite}/equipment",
            new { kind = "ControlSurface", make = "Tangent", model = "Element", firmware = "1.4" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return (manager, suite);
    }

    private static JsonElement[] Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task Adding_kit_makes_a_new_revision_listed_first_and_its_diff_names_what_was_added()
    {
        var (manager, suite) = await SuiteWithNewKitAsync();
        var engineer = (await app.UserAsync(Role.Engineer)).Client;

        var history = Items(await (await engineer.GetAsync($"/api/v1/suites/{suite}/configuration/revisions")).JsonAsync());
        var latest = history[0].GetProperty("number").GetInt32();
        var diff = await (await manager.GetAsync($"/api/v1/suites/{suite}/configuration/revisions/{latest}/diff")).JsonAsync();

        Assert.True(history.Length >= 2);
        Assert.Equal(history.Select(r => r.GetProperty("number").GetInt32()).OrderDescending(), history.Select(r => r.GetProperty("number").GetInt32()));
        Assert.Equal(latest - 1, diff.GetProperty("against").GetInt32());
        var added = Assert.Single(diff.GetProperty("added").EnumerateArray());
        Assert.Equal("Element", added.GetProperty("product").GetString());
        Assert.Equal("Tangent", added.GetProperty("vendor").GetString());
        Assert.Empty(diff.GetProperty("removed").EnumerateArray());
        Assert.Empty(diff.GetProperty("changed").EnumerateArray());
    }

    [Fact]
    public async Task The_first_revision_alone_is_everything_added_and_an_older_one_against_a_newer_shows_the_removal()
    {
        var (manager, suite) = await SuiteWithNewKitAsync();
        var history = Items(await (await manager.GetAsync($"/api/v1/suites/{suite}/configuration/revisions")).JsonAsync());
        var first = history[^1];
        var latest = history[0].GetProperty("number").GetInt32();

        var alone = await (await manager.GetAsync($"/api/v1/suites/{suite}/configuration/revisions/1/diff")).JsonAsync();
        var backwards = await (await manager.GetAsync($"/api/v1/suites/{suite}/configuration/revisions/1/diff?against={latest}")).JsonAsync();

        Assert.Equal(first.GetProperty("components").GetArrayLength(), alone.GetProperty("added").GetArrayLength());
        Assert.Equal("Element", Assert.Single(backwards.GetProperty("removed").EnumerateArray()).GetProperty("product").GetString());
    }

    [Theory]
    [InlineData("revisions/99/diff", HttpStatusCode.NotFound, null)]
    [InlineData("revisions/1/diff?against=99", HttpStatusCode.BadRequest, "against")]
    [InlineData("revisions/1/diff?against=1", HttpStatusCode.BadRequest, "against")]
    [InlineData("revisions/1/diff?against=two", HttpStatusCode.BadRequest, "against")]
    public async Task An_unknown_revision_is_404_and_a_bad_comparison_is_400_naming_against(string route, HttpStatusCode status, string? field)
    {
        var (manager, suite) = await SuiteWithNewKitAsync();

        var answer = await manager.GetAsync($"/api/v1/suites/{suite}/configuration/{route}");

        Assert.Equal(status, answer.StatusCode);
        if (field is not null)
        {
            Assert.True((await answer.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
        }
    }

    [Fact]
    public async Task An_unknown_suite_has_no_history()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/suites/{Guid.NewGuid()}/configuration/revisions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await manager.GetAsync($"/api/v1/suites/{Guid.NewGuid()}/configuration/revisions/1/diff")).StatusCode);
    }

    private static object Components(string resolveVersion) => new object[]
    {
        new { kind = "Software", product = "DaVinci Resolve Studio", vendor = "Blackmagic Design", version = resolveVersion },
        new { kind = "IoCard", product = "DeckLink 8K Pro", vendor = "Blackmagic Design", version = "12.9" },
        new { kind = "ReferenceMonitor", product = "BVM-HX3110", vendor = "Sony", version = "2.1", settings = "Rec.709 100 nits 2026-10-01" },
    };

    [Fact]
    public async Task An_engineer_records_an_upgrade_as_a_new_revision_and_the_diff_names_the_version_change()
    {
        var (manager, suite) = await SuiteWithNewKitAsync();
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var path = $"/api/v1/suites/{suite}/configuration/revisions";
        var before = Items(await (await manager.GetAsync(path)).JsonAsync())[0].GetProperty("number").GetInt32();

        var first = await engineer.PostAsJsonAsync(path, new { reason = "Standard grade build", components = Components("19.1.2") });
        var upgrade = await engineer.PostAsJsonAsync(path, new { reason = "Resolve 19.1.3 for the HDR fix", components = Components("19.1.3") });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var recorded = await upgrade.JsonAsync();
        Assert.Equal(before + 2, recorded.GetProperty("number").GetInt32());
        Assert.Equal("Resolve 19.1.3 for the HDR fix", recorded.GetProperty("reason").GetString());
        var diff = await (await manager.GetAsync($"{path}/{before + 2}/diff")).JsonAsync();
        var change = Assert.Single(diff.GetProperty("changed").EnumerateArray());
        var field = Assert.Single(change.GetProperty("fields").EnumerateArray());
        Assert.Equal(("version", "19.1.2", "19.1.3"),
            (field.GetProperty("field").GetString(), field.GetProperty("before").GetString(), field.GetProperty("after").GetString()));
        Assert.Equal(before + 2, Items(await (await manager.GetAsync(path)).JsonAsync())[0].GetProperty("number").GetInt32());
    }

    public static TheoryData<string, string> BadRecords() => new()
    {
        { """{"reason":"","components":[{"kind":"Software","product":"Resolve"}]}""", "reason" },
        { """{"reason":"x","components":[]}""", "components" },
        { """{"reason":"x","components":null}""", "components" },
        { """{"reason":"x","components":[{"product":"Resolve"}]}""", "components[0].kind" },
        { """{"reason":"x","components":[{"kind":"Software","product":""}]}""", "components[0].product" },
        { """{"reason":"x","components":[{"kind":"Software,Other","product":"Resolve"}]}""", "components[0].kind" },
        { """{"reason":"x","components":[{"kind":"Software","product":"Resolve","version":"19"},{"kind":"Software","product":"resolve ","version":"19"}]}""", "components" },
        { """{"reason":"x","components":[null]}""", "components" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public async Task A_bad_record_is_400_naming_the_field_and_no_revision_is_made(string body, string field)
    {
        var (manager, suite) = await SuiteWithNewKitAsync();
        var path = $"/api/v1/suites/{suite}/configuration/revisions";
        var count = Items(await (await manager.GetAsync(path)).JsonAsync()).Length;

        var answer = await manager.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var errors = (await answer.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
        Assert.Equal(count, Items(await (await manager.GetAsync(path)).JsonAsync()).Length);
    }

    [Fact]
    public async Task A_fault_the_engineer_may_not_see_reads_as_one_that_does_not_exist_and_operators_may_not_record()
    {
        var (manager, suite) = await SuiteWithNewKitAsync();
        var admin = await app.AdminAsync();
        var restricted = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(admin);
        var (cleared, _) = await app.UserAsync(Role.Engineer, restricted);
        var hidden = await new FaultBuilder(suite).For(restricted).SendAsync(cleared).IdOfAsync();
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var path = $"/api/v1/suites/{suite}/configuration/revisions";

        var forHidden = await engineer.PostAsJsonAsync(path, new { reason = "Fix", faultId = hidden, components = Components("19.1.3") });
        var forNothing = await engineer.PostAsJsonAsync(path, new { reason = "Fix", faultId = Guid.NewGuid(), components = Components("19.1.3") });
        var byOperator = await (await app.UserAsync(Role.Operator)).Client.PostAsJsonAsync(path, new { reason = "Fix", components = Components("19.1.3") });
        var byCleared = await cleared.PostAsJsonAsync(path, new { reason = "Fix", faultId = hidden, components = Components("19.1.3") });

        Assert.Equal(HttpStatusCode.BadRequest, forHidden.StatusCode);
        Assert.Equal((await forNothing.JsonAsync()).GetProperty("errors").ToString(), (await forHidden.JsonAsync()).GetProperty("errors").ToString());
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byCleared.StatusCode);
        var listedToEngineer = Items(await (await engineer.GetAsync(path)).JsonAsync())[0];
        Assert.Equal(JsonValueKind.Null, listedToEngineer.GetProperty("faultId").ValueKind);
        Assert.Equal(hidden, Items(await (await cleared.GetAsync(path)).JsonAsync())[0].GetProperty("faultId").GetGuid());
    }
}
