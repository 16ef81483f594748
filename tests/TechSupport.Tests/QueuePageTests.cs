using System.Net;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

public sealed class QueuePageTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task The_queue_puts_a_breached_fault_before_one_at_risk_before_the_rest_and_says_how_overdue()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        // Monday 23 November 2026 (GMT). A P3 has 4 business hours to be acknowledged: by 14:00.
        var breached = await new FaultBuilder(suiteId).WithSeverity(Severity.P3).Titled("Render node licence lapsed").SendAsync(manager);
        app.Clock.Advance(TimeSpan.FromMinutes(190));
        // 13:10: a P2 has an hour, with its warning at 75 % (13:55). Access tokens last 15 minutes, so sign in again.
        var atRisk = await new FaultBuilder(suiteId).WithSeverity(Severity.P2).Titled("Dailies render slow").SendAsync(await app.AdminAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(54));
        // 14:04: a P1 has 15 minutes, so it is the most severe but the least at risk.
        var fresh = await new FaultBuilder(suiteId).WithSeverity(Severity.P1).Titled("Grade suite SDI black").SendAsync(await app.AdminAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var engineer = await app.PagesAsync(Role.Engineer);

        var queue = await engineer.GetAsync($"/faults?suiteId={suiteId}");

        Assert.Equal(HttpStatusCode.OK, queue.Status);
        Assert.Equal([Number(breached), Number(atRisk), Number(fresh)], Numbers(queue));
        Assert.EndsWith("most at risk first", queue.Text("table.queue caption"), StringComparison.Ordinal);
        Assert.Equal("risk", queue.Get("#f-sort option[selected]").GetAttribute("value"));
        var missed = Row(queue, breached).QuerySelector("td.q-next")!;
        Assert.Equal("Acknowledge overdue 5 min", HtmlPage.Normalise(missed.TextContent));
        Assert.Contains("target-missed", missed.ClassList);
        var soon = Row(queue, atRisk).QuerySelector("td.q-next")!;
        Assert.Equal("Acknowledge in 5 min", HtmlPage.Normalise(soon.TextContent));
        Assert.Contains("target-soon", soon.ClassList);
        var later = Row(queue, fresh).QuerySelector("td.q-next")!;
        Assert.Equal("Acknowledge in 14 min", HtmlPage.Normalise(later.TextContent));
        Assert.DoesNotContain("target-soon", later.ClassList);
        Assert.Contains("Tier", queue.Document.QuerySelectorAll("table.queue thead th").Select(th => th.TextContent.Trim()));
        Assert.Contains("First line", Row(queue, fresh).TextContent, StringComparison.Ordinal);

        var bySeverity = await engineer.GetAsync($"/faults?suiteId={suiteId}&sort=severity");
        Assert.Equal([Number(fresh), Number(atRisk), Number(breached)], Numbers(bySeverity));
        Assert.EndsWith("most severe first", bySeverity.Text("table.queue caption"), StringComparison.Ordinal);
        var newest = await engineer.GetAsync($"/faults?suiteId={suiteId}&sort=newest");
        Assert.Equal([Number(fresh), Number(atRisk), Number(breached)], Numbers(newest));
        Assert.EndsWith("newest first", newest.Text("table.queue caption"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fault_with_every_target_met_shows_no_next_target()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var fault = await new FaultBuilder(suiteId).WithSeverity(Severity.P3).SendAsync(manager);
        var id = fault.GetProperty("id").GetGuid();
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        (await engineer.PostAsync($"/api/v1/faults/{id}/acknowledge", System.Net.Http.Json.JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        (await engineer.PostAsync($"/api/v1/faults/{id}/resolve", System.Net.Http.Json.JsonContent.Create(new { fix = "Reseated the SFP." })))
            .EnsureSuccessStatusCode();
        var pages = await app.PagesAsync(Role.Engineer);

        var queue = await pages.GetAsync($"/faults?suiteId={suiteId}&status=all");

        Assert.Equal("–", HtmlPage.Normalise(Row(queue, fault).QuerySelector("td.q-next")!.TextContent));
    }

    [Fact]
    public async Task An_order_the_queue_does_not_know_is_refused_at_the_order_field()
    {
        var engineer = await app.PagesAsync(Role.Engineer);

        var queue = await engineer.GetAsync("/faults?sort=alphabetical");

        Assert.Equal(HttpStatusCode.OK, queue.Status);
        Assert.Contains("Order by most at risk, most severe or newest.", queue.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Null(queue.Find("table.queue"));
    }

    private static string Number(System.Text.Json.JsonElement fault) => fault.GetProperty("number").GetString()!;

    private static List<string> Numbers(HtmlPage page) =>
        [.. page.Document.QuerySelectorAll("table.queue tbody td.num a").Select(a => a.TextContent.Trim())];

    private static AngleSharp.Dom.IElement Row(HtmlPage page, System.Text.Json.JsonElement fault) =>
        page.Document.QuerySelectorAll("table.queue tbody tr")
            .Single(r => r.QuerySelector("td.num a")?.TextContent.Trim() == Number(fault));
}
