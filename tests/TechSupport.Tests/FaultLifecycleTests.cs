using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

public sealed class FaultLifecycleTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task An_operator_logs_a_fault_and_gets_its_number_status_and_location_back()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var (operatorClient, operatorId) = await app.UserAsync(Role.Operator);

        var response = await operatorClient.PostAsJsonAsync("/api/v1/faults", new FaultBuilder(suiteId).Body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var fault = await response.JsonAsync();
        var id = fault.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/faults/{id}", response.Headers.Location?.OriginalString);
        Assert.Matches("^TS-[0-9]+$", fault.GetProperty("number").GetString());
        Assert.Equal("New", fault.GetProperty("status").GetString());
        Assert.Equal("Standard", fault.GetProperty("classification").GetString());
        Assert.Equal("FirstLine", fault.GetProperty("tier").GetString());
        Assert.Equal(operatorId, fault.GetProperty("reportedBy").GetProperty("id").GetGuid());
        Assert.True(fault.TryGetProperty("configurationRevision", out _));
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);

        var read = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{id}");
        Assert.Equal(fault.GetProperty("number").GetString(), read.GetProperty("number").GetString());
    }

    [Fact]
    public async Task Fault_numbers_count_up_without_gaps_or_repeats()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);

        var numbers = new List<int>();
        foreach (var _ in Enumerable.Range(0, 5))
        {
            var fault = await new FaultBuilder(suiteId).SendAsync(manager);
            numbers.Add(int.Parse(fault.GetProperty("number").GetString()!["TS-".Length..]));
        }

        Assert.Equal(Enumerable.Range(numbers[0], 5), numbers);
    }

    [Fact]
    public async Task A_p1_fault_carries_the_e1_targets_from_the_moment_it_was_logged()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var now = app.Clock.GetUtcNow();

        var fault = await new FaultBuilder(suiteId).WithSeverity(Severity.P1).SendAsync(manager);

        var targets = fault.GetProperty("targets");
        Assert.Equal(now.AddMinutes(15), targets.GetProperty("acknowledgeBy").GetDateTimeOffset());
        Assert.Equal(now.AddHours(1), targets.GetProperty("restoreBy").GetDateTimeOffset());
        Assert.Equal(now.AddHours(4), targets.GetProperty("resolveBy").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_engineer_acknowledges_assigns_and_comments_and_each_step_lands_on_the_timeline()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var operatorClient = (await app.UserAsync(Role.Operator)).Client;
        var (engineer, engineerId) = await app.UserAsync(Role.Engineer);
        var id = (await new FaultBuilder(suiteId).SendAsync(operatorClient)).GetProperty("id").GetGuid();

        app.Clock.Advance(TimeSpan.FromMinutes(4));
        var acknowledged = await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/acknowledge", new { });
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal("Acknowledged", (await acknowledged.JsonAsync()).GetProperty("status").GetString());

        var assigned = await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/assign", new { assigneeId = engineerId });
        var assignedFault = await assigned.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal("InProgress", assignedFault.GetProperty("status").GetString());
        Assert.Equal(engineerId, assignedFault.GetProperty("assignee").GetProperty("id").GetGuid());

        var commented = await operatorClient.PostAsJsonAsync($"/api/v1/faults/{id}/comments",
            new { text = "Client has moved to Grade 2 for now." });
        Assert.Equal(HttpStatusCode.OK, commented.StatusCode);

        var timeline = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{id}/timeline");
        var items = timeline.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, timeline.GetProperty("total").GetInt32());
        Assert.Equal(["Logged", "Acknowledged", "Assigned", "Comment"], items.Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal(app.Clock.GetUtcNow(), items[1].GetProperty("at").GetDateTimeOffset());
        Assert.StartsWith("Engineer", items[1].GetProperty("actor").GetString());
        Assert.Equal("Client has moved to Grade 2 for now.", items[3].GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_operator_may_not_acknowledge_or_assign()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var (operatorClient, operatorId) = await app.UserAsync(Role.Operator);
        var id = (await new FaultBuilder(suiteId).SendAsync(operatorClient)).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Forbidden,
            (await operatorClient.PostAsJsonAsync($"/api/v1/faults/{id}/acknowledge", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await operatorClient.PostAsJsonAsync($"/api/v1/faults/{id}/assign", new { assigneeId = operatorId })).StatusCode);
        var fault = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{id}");
        Assert.Equal("New", fault.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Acknowledging_twice_is_refused_with_a_plain_sentence()
    {
        var engineer = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(engineer);
        var id = (await new FaultBuilder(suiteId).SendAsync(engineer)).GetProperty("id").GetGuid();
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/acknowledge", new { });

        var again = await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/acknowledge", new { });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("new or reopened", (await again.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_stale_if_match_is_refused_with_412_and_nothing_changes()
    {
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var id = (await new FaultBuilder(suiteId).SendAsync(engineer)).GetProperty("id").GetGuid();
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/comments", new { text = "Checking the NEXIS client." });

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/faults/{id}/acknowledge")
        {
            Content = JsonContent.Create(new { }),
        };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        var stale = await engineer.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var fault = await engineer.GetAsync($"/api/v1/faults/{id}");
        Assert.Equal("New", (await fault.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("\"2\"", fault.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task The_queue_filters_by_status_and_puts_the_most_severe_first()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var p3 = await new FaultBuilder(suiteId).WithSeverity(Severity.P3).SendAsync(manager);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var p1 = await new FaultBuilder(suiteId).WithSeverity(Severity.P1).SendAsync(manager);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var p2 = await new FaultBuilder(suiteId).WithSeverity(Severity.P2).SendAsync(manager);
        await manager.PostAsJsonAsync($"/api/v1/faults/{p2.GetProperty("id").GetGuid()}/acknowledge", new { });

        var bySeverity = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/faults?suiteId={suiteId}&sort=severity");
        Assert.Equal(["P1", "P2", "P3"], Severities(bySeverity));

        var newest = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/faults?suiteId={suiteId}");
        Assert.Equal(["P2", "P1", "P3"], Severities(newest));

        var onlyNew = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/faults?suiteId={suiteId}&status=new");
        Assert.Equal(2, onlyNew.GetProperty("total").GetInt32());
        Assert.DoesNotContain(onlyNew.GetProperty("items").EnumerateArray(), f => f.GetProperty("status").GetString() != "New");

        var severe = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/faults?suiteId={suiteId}&severity=P1,P3&category=Storage");
        Assert.Equal(2, severe.GetProperty("total").GetInt32());
        Assert.NotEqual(p1.GetProperty("id").GetGuid(), p3.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Lists_page_from_one_take_huge_page_sizes_and_answer_an_empty_page_beyond_the_end()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await new FaultBuilder(suiteId).SendAsync(manager);
        }

        var second = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/faults?suiteId={suiteId}&page=2&pageSize=2");
        Assert.Equal(3, second.GetProperty("total").GetInt32());
        Assert.Single(second.GetProperty("items").EnumerateArray());

        var beyond = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/faults?suiteId={suiteId}&page=9");
        Assert.Equal(3, beyond.GetProperty("total").GetInt32());
        Assert.Empty(beyond.GetProperty("items").EnumerateArray());

        var huge = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/faults?suiteId={suiteId}&pageSize=100000");
        Assert.Equal(3, huge.GetProperty("items").GetArrayLength());
    }

    private static string[] Severities(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("severity").GetString()!).ToArray();

    [Fact]
    public async Task A_workaround_then_a_resolution_restore_and_resolve_the_fault_and_reach_the_timeline()
    {
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var id = (await new FaultBuilder(suiteId).SendAsync(engineer)).GetProperty("id").GetGuid();

        var worked = await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/workarounds", new
        {
            description = "Play out from the local cache drive", acceptability = "AcceptableWithConditions",
            conditions = "Only for offline review; not for the online conform",
        });
        Assert.Equal(HttpStatusCode.OK, worked.StatusCode);
        var fault = await worked.JsonAsync();
        Assert.Equal("WorkaroundApplied", fault.GetProperty("status").GetString());
        Assert.Equal("AcceptableWithConditions", fault.GetProperty("workarounds")[0].GetProperty("acceptability").GetString());

        var resolved = await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/resolve", new
        {
            fix = "Set the NEXIS client cache to 4 GB and remount the workspace", rootCause = "Client cache reset by the 19.1 update",
            appliesTo = "Resolve 19.1.x, NEXIS client 2024.6",
        });
        var done = await resolved.JsonAsync();
        Assert.Equal("Resolved", done.GetProperty("status").GetString());
        Assert.Equal("Unverified", done.GetProperty("resolution").GetProperty("effectiveness").GetString());

        var timeline = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{id}/timeline");
        Assert.Equal(["Logged", "WorkaroundApplied", "Resolved"],
            timeline.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Reopening_marks_the_resolution_ineffective_and_escalates_one_tier()
    {
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var operatorClient = (await app.UserAsync(Role.Operator)).Client;
        var suiteId = await new SuiteBuilder().SendAsync((await app.UserAsync(Role.Manager)).Client);
        var id = (await new FaultBuilder(suiteId).SendAsync(operatorClient)).GetProperty("id").GetGuid();
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/resolve", new { fix = "Reseated the SDI cable" });

        var reopened = await operatorClient.PostAsJsonAsync($"/api/v1/faults/{id}/reopen", new { reason = "Black again after lunch" });

        var fault = await reopened.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        Assert.Equal("Reopened", fault.GetProperty("status").GetString());
        Assert.Equal("Ineffective", fault.GetProperty("resolution").GetProperty("effectiveness").GetString());
        Assert.Equal("SecondLine", fault.GetProperty("tier").GetString());
        await Problems.AssertFieldErrorAsync(
            await operatorClient.PostAsJsonAsync($"/api/v1/faults/{id}/reopen", new { reason = "" }), "reason");
    }

    [Fact]
    public async Task A_health_and_safety_fault_closes_only_with_a_managers_sign_off()
    {
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var logged = await engineer.PostAsJsonAsync("/api/v1/faults", new
        {
            suiteId, title = "Smell of burning from the rack", symptoms = "Smoke from the PSU of the grading workstation",
            workflowStage = "Grade", category = "Hardware", severity = "P1", healthAndSafety = true,
        });
        var id = (await logged.JsonAsync()).GetProperty("id").GetGuid();
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/resolve", new { fix = "PSU replaced, rack inspected" });

        var byEngineer = await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/close", new { });
        var byManager = await manager.PostAsJsonAsync($"/api/v1/faults/{id}/close", new { });

        Assert.Equal(HttpStatusCode.Conflict, byEngineer.StatusCode);
        Assert.Contains("manager", (await byEngineer.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal("Closed", (await byManager.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_workaround_needs_its_acceptability_and_conditions_when_conditional()
    {
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var suiteId = await new SuiteBuilder().SendAsync((await app.UserAsync(Role.Manager)).Client);
        var id = (await new FaultBuilder(suiteId).SendAsync(engineer)).GetProperty("id").GetGuid();

        await Problems.AssertFieldErrorAsync(await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/workarounds",
            new { description = "Use the spare deck" }), "acceptability");
        await Problems.AssertFieldErrorAsync(await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/workarounds",
            new { description = "Use the spare deck", acceptability = "AcceptableWithConditions" }), "conditions");
        await Problems.AssertFieldErrorAsync(await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/resolve", new { }), "fix");
    }
}
