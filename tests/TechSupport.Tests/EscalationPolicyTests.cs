using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Data;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// The policy changes the whole facility's targets, so each test has an app of its own.
public sealed class EscalationPolicyTests
{
    [Fact]
    public async Task The_default_policy_is_designs_e1_in_london_with_this_and_next_years_bank_holidays()
    {
        await using var app = await StartAsync();
        var admin = await app.AdminAsync();

        var policy = await (await admin.GetAsync("/api/v1/admin/escalation-policy")).JsonAsync();

        Assert.Equal("Europe/London", policy.GetProperty("timeZone").GetString());
        Assert.Equal(75, policy.GetProperty("warningPercent").GetInt32());
        Assert.Equal(48, policy.GetProperty("deadlineRiskHours").GetInt32());
        Assert.Equal(14, policy.GetProperty("recurrence").GetProperty("windowDays").GetInt32());
        Assert.Equal(3, policy.GetProperty("recurrence").GetProperty("count").GetInt32());
        var monday = policy.GetProperty("businessHours").GetProperty("monday");
        Assert.Equal(("08:00", "19:00"), (monday.GetProperty("start").GetString(), monday.GetProperty("end").GetString()));
        Assert.False(policy.GetProperty("businessHours").TryGetProperty("saturday", out _));
        var holidays = policy.GetProperty("holidays").EnumerateArray().Select(h => h.GetString()).ToList();
        Assert.Contains("2026-12-28", holidays);
        Assert.Contains("2027-03-26", holidays);
        Assert.DoesNotContain(holidays, h => h!.StartsWith("2025", StringComparison.Ordinal) || h.StartsWith("2028", StringComparison.Ordinal));
        var p1 = policy.GetProperty("targets").GetProperty("P1");
        Assert.Equal((15, 60, 240, "24x7"), (p1.GetProperty("acknowledgeMinutes").GetInt32(), p1.GetProperty("restoreMinutes").GetInt32(),
            p1.GetProperty("resolveMinutes").GetInt32(), p1.GetProperty("calendar").GetString()));
        var p4 = policy.GetProperty("targets").GetProperty("P4");
        Assert.Equal(JsonValueKind.Null, p4.GetProperty("restoreMinutes").ValueKind);
        Assert.Equal("business", p4.GetProperty("calendar").GetString());
    }

    [Fact]
    public async Task Only_an_administrator_reads_or_changes_the_policy()
    {
        await using var app = await StartAsync();
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var engineer = (await app.UserAsync(Role.Engineer)).Client;

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/admin/escalation-policy")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PutAsJsonAsync("/api/v1/admin/escalation-policy", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/admin/escalation-policy")).StatusCode);
    }

    [Theory]
    [InlineData("targets.P1.acknowledgeMinutes")]
    [InlineData("targets.P3")]
    [InlineData("timeZone")]
    [InlineData("businessHours.monday.end")]
    [InlineData("holidays[0]")]
    [InlineData("warningPercent")]
    [InlineData("targets.P2.calendar")]
    public async Task A_bad_policy_is_refused_naming_the_field_and_nothing_changes(string field)
    {
        await using var app = await StartAsync();
        var admin = await app.AdminAsync();
        var before = await (await admin.GetAsync("/api/v1/admin/escalation-policy")).Content.ReadAsStringAsync();

        var response = await admin.PutPolicyAsync(policy =>
        {
            var targets = policy["targets"].Deserialize<Dictionary<string, Dictionary<string, JsonElement>>>()!;
            switch (field)
            {
                case "targets.P1.acknowledgeMinutes":
                    targets["P1"]["acknowledgeMinutes"] = Escalations.Json(-5);
                    break;
                case "targets.P3":
                    targets.Remove("P3");
                    break;
                case "targets.P2.calendar":
                    targets["P2"]["calendar"] = Escalations.Json("weekends");
                    break;
                case "timeZone":
                    policy["timeZone"] = Escalations.Json("Mars/Olympus_Mons");
                    break;
                case "businessHours.monday.end":
                    policy["businessHours"] = Escalations.Json(new { monday = new { start = "19:00", end = "08:00" } });
                    break;
                case "holidays[0]":
                    policy["holidays"] = Escalations.Json(new List<string> { "25/12/2026" });
                    break;
                case "warningPercent":
                    policy.Remove("warningPercent");
                    break;
            }

            policy["targets"] = Escalations.Json(targets);
        });

        await Problems.AssertFieldErrorAsync(response, field);
        Assert.Equal(before, await (await admin.GetAsync("/api/v1/admin/escalation-policy")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_changed_policy_retargets_open_faults_keeps_escalations_already_made_and_is_audited()
    {
        await using var app = await StartAsync();
        var admin = await app.AdminAsync();
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(await app.AdminAsync());
        var escalated = await new FaultBuilder(suiteId).WithSeverity(Severity.P1).SendAsync(engineer).IdOfAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await app.EvaluateAsync();
        var open = await new FaultBuilder(suiteId).WithSeverity(Severity.P1).SendAsync(engineer).IdOfAsync();
        var logged = (await engineer.FaultAsync(open)).GetProperty("createdAt").GetDateTimeOffset();

        var saved = await admin.PutPolicyAsync(policy =>
        {
            var targets = policy["targets"].Deserialize<Dictionary<string, Dictionary<string, JsonElement>>>()!;
            targets["P1"]["acknowledgeMinutes"] = Escalations.Json(1);
            policy["targets"] = Escalations.Json(targets);
        });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(1, (await saved.JsonAsync()).GetProperty("targets").GetProperty("P1").GetProperty("acknowledgeMinutes").GetInt32());
        var retargeted = await engineer.FaultAsync(open);
        Assert.Equal(logged.AddMinutes(1), retargeted.GetProperty("targets").GetProperty("acknowledgeBy").GetDateTimeOffset());
        Assert.Equal("SecondLine", (await engineer.FaultAsync(escalated)).GetProperty("tier").GetString());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        Assert.Contains(db.AuditEvents.Where(e => e.EntityType == "StoredPolicy").Select(e => e.After).ToList(),
            after => after != null && after.Contains("\\u0022acknowledgeMinutes\\u0022:1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_p3_logged_on_friday_before_the_spring_clock_change_is_due_on_monday_by_the_london_clock()
    {
        // Friday 27 March 2026, 17:00 GMT; the clocks go forward on Sunday the 29th.
        await using var app = await StartAsync(new DateTimeOffset(2026, 3, 27, 17, 0, 0, TimeSpan.Zero));
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(await app.AdminAsync());

        var fault = await new FaultBuilder(suiteId).WithSeverity(Severity.P3).SendAsync(engineer);

        // Two working hours on Friday, two more from 08:00 BST (07:00 UTC) on Monday.
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.Zero),
            fault.GetProperty("targets").GetProperty("acknowledgeBy").GetDateTimeOffset());
    }

    // The clock moves across a night and weekend with the spring change, one with the autumn change,
    // and Christmas with its Boxing Day substitute: a business-hours target is missed only when the
    // working time has really run out on the London clock.
    public static TheoryData<string, DateTimeOffset, DateTimeOffset> WorkingTimeCases => new()
    {
        // Friday 27 March 17:00 GMT: 2 h that evening, 2 h from 08:00 BST (07:00 UTC) on Monday 30 March.
        { "over the spring change", new(2026, 3, 27, 17, 0, 0, TimeSpan.Zero), new(2026, 3, 30, 9, 0, 0, TimeSpan.Zero) },
        // Friday 23 October 17:00 BST (16:00 UTC): 2 h that evening, 2 h from 08:00 GMT on Monday 26 October.
        { "over the autumn change", new(2026, 10, 23, 16, 0, 0, TimeSpan.Zero), new(2026, 10, 26, 10, 0, 0, TimeSpan.Zero) },
        // Thursday 24 December 17:00 GMT: 2 h that evening; Christmas, the weekend and Monday 28 are off.
        { "over Christmas", new(2026, 12, 24, 17, 0, 0, TimeSpan.Zero), new(2026, 12, 29, 10, 0, 0, TimeSpan.Zero) },
    };

    [Theory]
    [MemberData(nameof(WorkingTimeCases))]
    public async Task A_p3_unacknowledged_over_nights_weekends_holidays_and_clock_changes_escalates_only_when_its_working_hours_run_out(
        string situation, DateTimeOffset logged, DateTimeOffset due)
    {
        await using var app = await StartAsync(logged);
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(await app.AdminAsync());
        var id = await new FaultBuilder(suiteId).WithSeverity(Severity.P3).SendAsync(engineer).IdOfAsync();

        app.Clock.SetUtcNow(due.AddMinutes(-1));
        await app.EvaluateAsync();
        var before = await engineer.FaultAsync(id);
        app.Clock.SetUtcNow(due.AddMinutes(1));
        await app.EvaluateAsync();
        var after = await engineer.FaultAsync(id);

        Assert.True(due == before.GetProperty("targets").GetProperty("acknowledgeBy").GetDateTimeOffset(), situation);
        Assert.True(before.GetProperty("tier").GetString() == "FirstLine", $"{situation}: escalated before its working time ran out");
        Assert.True(before.GetProperty("sla").GetProperty("atRisk").GetBoolean(), situation);
        Assert.True(after.GetProperty("tier").GetString() == "SecondLine", $"{situation}: not escalated once missed");
    }

    [Fact]
    public async Task The_escalation_service_acts_on_its_own_clock()
    {
        await using var app = await StartAsync();
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(await app.AdminAsync());
        var id = await new FaultBuilder(suiteId).WithSeverity(Severity.P1).SendAsync(engineer).IdOfAsync();

        // The service waits Escalation:IntervalSeconds (30) on the app's clock between passes; move
        // the clock past the acknowledge target a step at a time and let it run by itself.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var tier = "FirstLine";
        while (tier == "FirstLine" && DateTime.UtcNow < deadline)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(30));
            await Task.Yield();
            await Task.Delay(50); // real time for the background service to take its turn, not time for the rule
            tier = (await engineer.FaultAsync(id)).GetProperty("tier").GetString()!;
        }

        Assert.Equal("SecondLine", tier);
        Assert.Contains(await engineer.TimelineAsync(id), e => e.Text().Contains("rule E3"));
    }

    [Fact]
    public async Task Two_instances_on_one_database_never_fire_the_same_escalation_twice()
    {
        await using var first = await StartAsync();
        await using var second = await StartAsync(sharing: first);
        var engineer = (await first.UserAsync(Role.Engineer)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(await first.AdminAsync());
        var id = await new FaultBuilder(suiteId).WithSeverity(Severity.P1).SendAsync(engineer).IdOfAsync();
        first.Clock.Advance(TimeSpan.FromMinutes(20));
        second.Clock.Advance(TimeSpan.FromMinutes(20));

        var byFirst = await first.EvaluateAsync();
        var bySecond = await second.EvaluateAsync();
        // The first instance stops; once its lease expires the second takes over, and finds nothing left to do.
        second.Clock.Advance(TimeSpan.FromMinutes(2));
        var takenOver = await second.EvaluateAsync();

        Assert.NotNull(byFirst);
        Assert.Null(bySecond);
        Assert.Equal(0, takenOver);
        var timeline = await engineer.TimelineAsync(id);
        Assert.Single(timeline, e => e.Text().Contains("rule E2"));
        Assert.Single(timeline, e => e.Text().Contains("rule E3"));
    }

    private static async Task<TechSupportApp> StartAsync(DateTimeOffset? now = null, TechSupportApp? sharing = null)
    {
        var app = now is { } at ? ClockworkApp.StartingAt(at) : new ClockworkApp();
        if (sharing is not null)
        {
            app.SharingDatabaseWith(sharing);
        }

        await app.InitializeAsync();
        return app;
    }
}
