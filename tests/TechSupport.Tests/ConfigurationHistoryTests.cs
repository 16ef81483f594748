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
}
