using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Features.Escalation;
using TechSupport.Domain;
using TechSupport.Tests.Support;
using TechSupport.Web.Auth;

namespace TechSupport.Tests;

// PC8: whether a fix held shows wherever the fix is offered: on the fault, in suggestions, on its article.
// The class moves its own clock past the recurrence window, so it has an app to itself.
public sealed class EffectivenessTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task Suggestions_and_articles_say_whether_each_fix_held()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var word = "grumblefrost" + Guid.NewGuid().ToString("N")[..4];
        async Task<Guid> ResolvedAsync(string fix)
        {
            // A suite each, so that no fault is a recurrence of another (E6 and the effectiveness rule).
            var suiteId = await new SuiteBuilder().SendAsync(manager);
            var id = (await new FaultBuilder(suiteId).Titled($"Waveform freezes on {word} clips", "Scopes stop updating").SendAsync(engineer))
                .GetProperty("id").GetGuid();
            (await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/resolve", new { fix })).EnsureSuccessStatusCode();
            return id;
        }

        var held = await ResolvedAsync("Update the scope firmware to 3.2");
        app.Clock.Advance(TimeSpan.FromDays(15));
        // Access tokens last minutes; these two weeks later the same people sign in again.
        manager = (await app.UserAsync(Role.Manager)).Client;
        engineer = (await app.UserAsync(Role.Engineer)).Client;
        var fresh = await ResolvedAsync("Restart the scope service");
        var reopened = await ResolvedAsync("Swap the SDI cable");
        var partly = await ResolvedAsync("Lower the scope refresh rate");
        (await engineer.PostAsJsonAsync($"/api/v1/faults/{reopened}/reopen", new { reason = "Froze again after lunch" })).EnsureSuccessStatusCode();
        (await engineer.PostAsJsonAsync($"/api/v1/faults/{partly}/effectiveness", new { effectiveness = "Partial", note = "Freezes less" }))
            .EnsureSuccessStatusCode();
        var article = (await (await engineer.PostAsync($"/api/v1/faults/{held}/promote", null)).JsonAsync()).GetProperty("id").GetGuid();
        await EvaluateAsSystemAsync();
        await app.IndexedAsync();

        var response = await (await app.UserAsync(Role.Operator)).Client.PostAsJsonAsync("/api/v1/search/suggestions",
            new { title = $"Waveform freezes on {word} clips", symptoms = "Scopes stop updating", limit = 10 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hits = (await response.JsonAsync()).GetProperty("hits").EnumerateArray()
            .ToDictionary(h => h.GetProperty("id").GetGuid(), h => h.GetProperty("effectiveness").GetString());
        Assert.Equal(
            new Dictionary<Guid, string?>
            {
                [held] = "Effective", [article] = "Effective", [fresh] = "Unverified", [reopened] = "Ineffective", [partly] = "Partial",
            },
            hits);
        var read = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{article}", TechSupportApp.Json);
        Assert.Equal("Effective", read.GetProperty("sourceEffectiveness").GetString());
        var pages = app.PagesFor(engineer);
        Assert.Contains("<span class=\"effect effect-effective\">effective</span>",
            (await pages.RequestAsync($"/articles/{article}")).Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_article_written_directly_has_no_source_effectiveness_and_a_fresh_promotion_is_not_yet_verified()
    {
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var written = await engineer.PostAsJsonAsync("/api/v1/articles", new
        {
            title = "Reset the Videohub labels", symptoms = "Labels gone after reboot", fix = "Restore the labels from the saved preset",
            reliability = "Vendor",
        });
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await written.JsonAsync()).GetProperty("sourceEffectiveness").ValueKind);

        var suiteId = await new SuiteBuilder().SendAsync((await app.UserAsync(Role.Manager)).Client);
        var id = (await new FaultBuilder(suiteId).SendAsync(engineer)).GetProperty("id").GetGuid();
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/resolve", new { fix = "Reseated the SDI cable" });
        var promoted = await (await engineer.PostAsync($"/api/v1/faults/{id}/promote", null)).JsonAsync();
        Assert.Equal("Unverified", promoted.GetProperty("sourceEffectiveness").GetString());
    }

    [Fact]
    public async Task An_engineer_marks_a_fix_partly_effective_from_the_fault_page_and_the_form_is_gone_once_it_is()
    {
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var suiteId = await new SuiteBuilder().SendAsync((await app.UserAsync(Role.Manager)).Client);
        var fault = await new FaultBuilder(suiteId).SendAsync(engineer);
        var id = fault.GetProperty("id").GetGuid();
        var resolved = await (await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/resolve", new { fix = "Reseated the SDI cable" })).JsonAsync();
        var pages = app.PagesFor(engineer);
        var operatorPage = (await app.PagesFor((await app.UserAsync(Role.Operator)).Client).RequestAsync($"/faults/{id}")).Source;
        Assert.DoesNotContain("Mark partly effective", operatorPage, StringComparison.Ordinal);
        Assert.Contains("Not yet verified", operatorPage, StringComparison.Ordinal);

        var posted = await pages.PostAsync($"/faults/{id}?handler=Judge", new()
        {
            ["Version"] = resolved.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Judge.Note"] = "Drops still happen once a day",
        });

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        var page = (await pages.RequestAsync($"/faults/{id}")).Source;
        Assert.Contains("is marked partly effective", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"effect effect-partial\">Partly effective</span>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Mark partly effective", page, StringComparison.Ordinal);
        var read = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{id}");
        Assert.Equal("Partial", read.GetProperty("resolution").GetProperty("effectiveness").GetString());
        var timeline = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{id}/timeline");
        Assert.Contains(timeline.GetProperty("items").EnumerateArray(),
            e => e.GetProperty("text").GetString() == "Resolution marked partly effective: Drops still happen once a day");
    }

    // The escalation service's pass, sent as it sends it, so the test does not wait for its timer.
    private async Task EvaluateAsSystemAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem("Test timer");
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new EvaluateEscalations());
    }
}
