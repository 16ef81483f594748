using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Data;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// E1–E9 through the public API, with the clock moved by hand and the escalation service's pass run
// as its timer runs it.
public sealed class EscalationTests(ClockworkApp app) : IClassFixture<ClockworkApp>
{
    private async Task<(HttpClient Engineer, HttpClient Manager, Guid SuiteId)> FacilityAsync()
    {
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var manager = (await app.UserAsync(Role.Manager)).Client;
        return (engineer, manager, await new SuiteBuilder().SendAsync(manager));
    }

    [Fact]
    public async Task A_p1_left_alone_is_warned_at_75_percent_and_escalated_when_its_acknowledge_target_passes()
    {
        var (engineer, _, suiteId) = await FacilityAsync();
        var id = await new FaultBuilder(suiteId).WithSeverity(Severity.P1).SendAsync(engineer).IdOfAsync();

        app.Clock.Advance(TimeSpan.FromMinutes(11.5));
        await app.EvaluateAsync();
        var warned = await engineer.FaultAsync(id);
        var warning = (await engineer.TimelineAsync(id)).Where(e => e.Kind() == "Warning").ToList();

        app.Clock.Advance(TimeSpan.FromMinutes(4));
        await app.EvaluateAsync();
        var escalated = await engineer.FaultAsync(id);
        await app.EvaluateAsync();
        var again = await engineer.FaultAsync(id);

        Assert.Equal("FirstLine", warned.GetProperty("tier").GetString());
        Assert.True(warned.GetProperty("sla").GetProperty("atRisk").GetBoolean());
        Assert.Contains("rule E3", Assert.Single(warning).Text());
        Assert.Equal("SecondLine", escalated.GetProperty("tier").GetString());
        Assert.True(escalated.GetProperty("sla").GetProperty("breached").GetBoolean());
        Assert.Equal("acknowledge", escalated.GetProperty("sla").GetProperty("next").GetString());
        Assert.Contains(await engineer.TimelineAsync(id), e => e.Kind() == "Escalated" && e.Text().Contains("rule E2"));
        Assert.Equal(escalated.GetProperty("version").GetInt32(), again.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Every_missed_target_escalates_once_and_the_tier_stops_at_manager()
    {
        var (engineer, _, suiteId) = await FacilityAsync();
        var id = await new FaultBuilder(suiteId).WithSeverity(Severity.P1).SendAsync(engineer).IdOfAsync();

        app.Clock.Advance(TimeSpan.FromHours(5));
        await app.EvaluateAsync();
        await app.EvaluateAsync();

        var fault = await engineer.FaultAsync(id);
        var breaches = (await engineer.TimelineAsync(id)).Where(e => e.Text().Contains("rule E2")).ToList();
        Assert.Equal("Manager", fault.GetProperty("tier").GetString());
        Assert.Equal(3, breaches.Count);
        Assert.Contains(breaches, e => e.Text().Contains("acknowledge"));
        Assert.Contains(breaches, e => e.Text().Contains("restore"));
        Assert.Contains(breaches, e => e.Text().Contains("resolve"));
    }

    [Fact]
    public async Task A_target_met_in_time_never_warns_or_escalates()
    {
        var (engineer, _, suiteId) = await FacilityAsync();
        var id = await new FaultBuilder(suiteId).WithSeverity(Severity.P2).SendAsync(engineer).IdOfAsync();
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/acknowledge", new { });
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/workarounds", new { description = "Play from the local cache", acceptability = "Acceptable" });

        // 19 of the P2's 24 hours to resolve: past the warning, not past the target.
        app.Clock.Advance(TimeSpan.FromHours(19));
        await app.EvaluateAsync();

        var fault = await engineer.FaultAsync(id);
        Assert.Equal("FirstLine", fault.GetProperty("tier").GetString());
        Assert.Equal("resolve", fault.GetProperty("sla").GetProperty("next").GetString());
        Assert.DoesNotContain(await engineer.TimelineAsync(id), e => e.Kind() is "Escalated");
        Assert.Contains(await engineer.TimelineAsync(id), e => e.Kind() == "Warning" && e.Text().Contains("resolve"));
    }

    [Fact]
    public async Task A_health_and_safety_fault_goes_to_manager_at_once_and_takes_its_suite_out_of_service()
    {
        var (engineer, manager, suiteId) = await FacilityAsync();
        var id = await new FaultBuilder(suiteId).AsHealthAndSafety().SendAsync(engineer).IdOfAsync();
        var logged = await engineer.FaultAsync(id);
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/resolve", new { fix = "Cable tray refitted, trip hazard gone" });

        var byEngineer = await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/close", new { });
        var byManager = await manager.PostAsJsonAsync($"/api/v1/faults/{id}/close", new { });

        Assert.Equal("Manager", logged.GetProperty("tier").GetString());
        Assert.Contains(await engineer.TimelineAsync(id), e => e.Text().Contains("out of service by rule E4"));
        Assert.Equal(HttpStatusCode.Conflict, byEngineer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byManager.StatusCode);
        Assert.Contains(await engineer.TimelineAsync(id), e => e.Text().Contains("back in service"));
    }

    [Fact]
    public async Task A_security_incident_goes_to_manager_restricted_with_its_attachments_locked_and_hidden_from_the_uncleared()
    {
        var (engineer, manager, suiteId) = await FacilityAsync();
        var (operatorClient, _) = await app.UserAsync(Role.Operator);
        var id = await new FaultBuilder(suiteId).AsSecurityIncident().Titled("Drive with rushes missing from the vault")
            .SendAsync(operatorClient).IdOfAsync();

        var seenByReporter = await operatorClient.FaultAsync(id);
        var seenByManager = await manager.GetAsync($"/api/v1/faults/{id}");
        var seenByEngineer = await engineer.GetAsync($"/api/v1/faults/{id}");

        Assert.Equal("Manager", seenByReporter.GetProperty("tier").GetString());
        Assert.Equal("Restricted", seenByReporter.GetProperty("classification").GetString());
        Assert.True(seenByReporter.GetProperty("attachmentsLocked").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, seenByManager.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, seenByEngineer.StatusCode);
    }

    [Fact]
    public async Task Three_faults_of_one_kind_on_one_kit_within_the_window_become_a_recurring_problem_at_second_line()
    {
        var (engineer, manager, _) = await FacilityAsync();
        var suiteId = await new SuiteBuilder().WithEquipment(EquipmentKind.SharedStorage, "Avid", "NEXIS E2", "2024.6").SendAsync(manager);
        var kit = (await (await manager.GetAsync("/api/v1/suites")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Single(s => s.GetProperty("id").GetGuid() == suiteId).GetProperty("equipment")[0].GetProperty("id").GetGuid();
        var fault = () => new FaultBuilder(suiteId).On(kit).In(FaultCategory.Storage).SendAsync(engineer).IdOfAsync();

        var first = await fault();
        app.Clock.Advance(TimeSpan.FromDays(5));
        var second = await fault();
        var afterTwo = await engineer.FaultAsync(second);
        app.Clock.Advance(TimeSpan.FromDays(5));
        var third = await fault();

        var thirdRead = await engineer.FaultAsync(third);
        var firstRead = await engineer.FaultAsync(first);
        Assert.Equal(JsonValueKind.Null, afterTwo.GetProperty("recurringProblem").ValueKind);
        Assert.Equal("SecondLine", thirdRead.GetProperty("tier").GetString());
        var problem = thirdRead.GetProperty("recurringProblem");
        Assert.Equal(first, problem.GetProperty("id").GetGuid());
        Assert.Equal([first, second, third], problem.GetProperty("faults").EnumerateArray().Select(f => f.GetProperty("id").GetGuid()));
        Assert.Equal(first, firstRead.GetProperty("recurringProblem").GetProperty("id").GetGuid());
        Assert.Contains(await engineer.TimelineAsync(third), e => e.Text().Contains("rule E6"));
    }

    [Fact]
    public async Task A_p2_on_a_production_delivering_within_48_hours_becomes_p1_and_escalates()
    {
        var (engineer, manager, suiteId) = await FacilityAsync();
        var now = app.Clock.GetUtcNow();
        var soon = await new ProductionBuilder().DeliveringAt(now.AddHours(30)).SendAsync(manager);
        var later = await new ProductionBuilder().DeliveringAt(now.AddDays(4)).SendAsync(manager);

        var urgent = await engineer.FaultAsync(await new FaultBuilder(suiteId).For(soon).WithSeverity(Severity.P2).SendAsync(engineer).IdOfAsync());
        var calm = await new FaultBuilder(suiteId).For(later).WithSeverity(Severity.P2).SendAsync(engineer).IdOfAsync();
        var calmAtFirst = await engineer.FaultAsync(calm);
        await engineer.PostAsJsonAsync($"/api/v1/faults/{calm}/acknowledge", new { });
        app.Clock.Advance(TimeSpan.FromDays(2.5));
        await app.EvaluateAsync();
        var calmLater = await engineer.FaultAsync(calm);

        Assert.Equal("P1", urgent.GetProperty("severity").GetString());
        Assert.Equal("SecondLine", urgent.GetProperty("tier").GetString());
        Assert.Equal("P2", calmAtFirst.GetProperty("severity").GetString());
        Assert.Equal("P1", calmLater.GetProperty("severity").GetString());
        Assert.Contains(await engineer.TimelineAsync(calm), e => e.Text().Contains("rule E7"));
    }

    [Fact]
    public async Task An_unacceptable_or_conflicting_workaround_on_a_production_escalates_and_flags_the_deliverable_for_qc()
    {
        var (engineer, manager, suiteId) = await FacilityAsync();
        var production = await new ProductionBuilder().SendAsync(manager);
        var unacceptable = await new FaultBuilder(suiteId).For(production).SendAsync(engineer).IdOfAsync();
        var conflicting = await new FaultBuilder(suiteId).For(production).SendAsync(engineer).IdOfAsync();
        var noProduction = await new FaultBuilder(suiteId).SendAsync(engineer).IdOfAsync();

        var first = await (await engineer.PostAsJsonAsync($"/api/v1/faults/{unacceptable}/workarounds",
            new { description = "Render the master from the proxies", acceptability = "Unacceptable" })).JsonAsync();
        var second = await (await engineer.PostAsJsonAsync($"/api/v1/faults/{conflicting}/workarounds", new
        {
            description = "Grade on the 8-bit GUI monitor at 25 fps until the card is back",
            acceptability = "Acceptable",
            changes = new { bitDepth = "8-bit", frameRate = "25" },
        })).JsonAsync();
        var third = await (await engineer.PostAsJsonAsync($"/api/v1/faults/{noProduction}/workarounds",
            new { description = "Render from the proxies", acceptability = "Unacceptable" })).JsonAsync();

        Assert.Equal("SecondLine", first.GetProperty("tier").GetString());
        Assert.True(first.GetProperty("qcFlagged").GetBoolean());
        Assert.Equal("SecondLine", second.GetProperty("tier").GetString());
        Assert.True(second.GetProperty("qcFlagged").GetBoolean());
        var conflicts = second.GetProperty("workarounds")[0].GetProperty("conflicts").EnumerateArray().ToList();
        Assert.Equal(["bitDepth", "frameRate"], conflicts.Select(c => c.GetProperty("aspect").GetString()).Order());
        Assert.Contains(conflicts, c => c.GetProperty("message").GetString()!.Contains("23.976"));
        Assert.Equal("FirstLine", third.GetProperty("tier").GetString());
        Assert.False(third.GetProperty("qcFlagged").GetBoolean());
    }

    [Fact]
    public async Task A_workaround_that_changes_something_unknown_or_gives_no_value_is_refused_and_nothing_changes()
    {
        var (engineer, _, suiteId) = await FacilityAsync();
        var id = await new FaultBuilder(suiteId).SendAsync(engineer).IdOfAsync();

        var unknown = await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/workarounds",
            new { description = "Slow the playhead", acceptability = "Acceptable", changes = new { speed = "half" } });
        var empty = await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/workarounds",
            new { description = "Drop to 25", acceptability = "Acceptable", changes = new { frameRate = "" } });

        Assert.Contains("speed", (await Problems.AssertFieldErrorAsync(unknown, "changes.speed"))[0]);
        await Problems.AssertFieldErrorAsync(empty, "changes.frameRate");
        Assert.Empty((await engineer.FaultAsync(id)).GetProperty("workarounds").EnumerateArray());
    }

    [Fact]
    public async Task A_reopened_fault_marks_its_resolution_ineffective_and_goes_up_a_tier_each_time()
    {
        var (engineer, _, suiteId) = await FacilityAsync();
        var id = await new FaultBuilder(suiteId).SendAsync(engineer).IdOfAsync();
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/resolve", new { fix = "Reseated the SFP" });
        var once = await (await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/reopen", new { reason = "Dropouts again" })).JsonAsync();
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/resolve", new { fix = "Replaced the SFP" });
        var twice = await (await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/reopen", new { reason = "Still dropping" })).JsonAsync();

        Assert.Equal("SecondLine", once.GetProperty("tier").GetString());
        Assert.Equal("Ineffective", once.GetProperty("resolution").GetProperty("effectiveness").GetString());
        Assert.Equal("Specialist", twice.GetProperty("tier").GetString());
        Assert.Equal(2, (await engineer.TimelineAsync(id)).Count(e => e.Text().Contains("rule E9")));
        // A reopened fault's targets start again from the reopening.
        Assert.Equal("acknowledge", twice.GetProperty("sla").GetProperty("next").GetString());
    }

    [Fact]
    public async Task A_fix_that_holds_for_the_recurrence_window_becomes_effective_and_one_that_recurs_ineffective()
    {
        var (engineer, manager, _) = await FacilityAsync();
        var suiteId = await new SuiteBuilder().WithEquipment(EquipmentKind.IoCard, "Blackmagic", "DeckLink 8K Pro", "12.9").SendAsync(manager);
        var kit = (await (await manager.GetAsync("/api/v1/suites")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Single(s => s.GetProperty("id").GetGuid() == suiteId).GetProperty("equipment")[0].GetProperty("id").GetGuid();
        var held = await new FaultBuilder(suiteId).In(FaultCategory.Network).SendAsync(engineer).IdOfAsync();
        var recurs = await new FaultBuilder(suiteId).On(kit).In(FaultCategory.Signal).SendAsync(engineer).IdOfAsync();
        await engineer.PostAsJsonAsync($"/api/v1/faults/{held}/resolve", new { fix = "Pinned the NIC to 10 GbE" });
        await engineer.PostAsJsonAsync($"/api/v1/faults/{recurs}/resolve", new { fix = "Re-flashed the card" });

        app.Clock.Advance(TimeSpan.FromDays(3));
        await new FaultBuilder(suiteId).On(kit).In(FaultCategory.Signal).SendAsync(engineer);
        app.Clock.Advance(TimeSpan.FromDays(12));
        await app.EvaluateAsync();

        Assert.Equal("Effective", (await engineer.FaultAsync(held)).GetProperty("resolution").GetProperty("effectiveness").GetString());
        Assert.Equal("Ineffective", (await engineer.FaultAsync(recurs)).GetProperty("resolution").GetProperty("effectiveness").GetString());
    }

    [Fact]
    public async Task An_engineer_marks_a_fix_partly_effective_but_cannot_set_effective_by_hand()
    {
        var (engineer, _, suiteId) = await FacilityAsync();
        var id = await new FaultBuilder(suiteId).SendAsync(engineer).IdOfAsync();
        var open = await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/effectiveness", new { effectiveness = "Partial" });
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/resolve", new { fix = "Lowered the cache size" });

        var effective = await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/effectiveness", new { effectiveness = "Effective" });
        var partial = await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/effectiveness", new { effectiveness = "Partial", note = "Still slow on 8K" });

        Assert.Equal(HttpStatusCode.Conflict, open.StatusCode);
        await Problems.AssertFieldErrorAsync(effective, "effectiveness");
        Assert.Equal("Partial", (await partial.JsonAsync()).GetProperty("resolution").GetProperty("effectiveness").GetString());
    }

    [Fact]
    public async Task An_engineer_escalates_by_hand_up_but_never_down()
    {
        var (engineer, _, suiteId) = await FacilityAsync();
        var (operatorClient, _) = await app.UserAsync(Role.Operator);
        var id = await new FaultBuilder(suiteId).SendAsync(engineer).IdOfAsync();

        var oneUp = await (await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/escalate", new { reason = "Needs the storage team" })).JsonAsync();
        var toSpecialist = await (await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/escalate",
            new { reason = "Vendor case needed", tier = "Specialist" })).JsonAsync();
        var down = await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/escalate", new { reason = "Oops", tier = "FirstLine" });
        var noReason = await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/escalate", new { tier = "Manager" });
        var byOperator = await operatorClient.PostAsJsonAsync($"/api/v1/faults/{id}/escalate", new { reason = "Hurry" });
        var badTier = await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/escalate", new { reason = "x", tier = "Boss" });

        Assert.Equal("SecondLine", oneUp.GetProperty("tier").GetString());
        Assert.Equal("Specialist", toSpecialist.GetProperty("tier").GetString());
        Assert.Contains("only goes up", (await Problems.AssertFieldErrorAsync(down, "tier"))[0]);
        await Problems.AssertFieldErrorAsync(noReason, "reason");
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        await Problems.AssertFieldErrorAsync(badTier, "tier");
        Assert.Equal("Specialist", (await engineer.FaultAsync(id)).GetProperty("tier").GetString());
        Assert.Contains(await engineer.TimelineAsync(id), e => e.Text().Contains("by hand: Vendor case needed"));
    }

    [Fact]
    public async Task The_queue_by_risk_puts_breached_faults_first_then_at_risk_then_by_time_left()
    {
        var (engineer, manager, _) = await FacilityAsync();
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var breached = await new FaultBuilder(suiteId).WithSeverity(Severity.P2).SendAsync(engineer).IdOfAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(50));
        var atRisk = await new FaultBuilder(suiteId).WithSeverity(Severity.P1).SendAsync(engineer).IdOfAsync();
        var calm = await new FaultBuilder(suiteId).WithSeverity(Severity.P2).SendAsync(engineer).IdOfAsync();
        var soonest = await new FaultBuilder(suiteId).WithSeverity(Severity.P1).SendAsync(engineer).IdOfAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(12));

        var queue = await (await engineer.GetAsync($"/api/v1/faults?suiteId={suiteId}&open=true&sort=risk")).JsonAsync();

        var order = queue.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([breached, atRisk, soonest, calm], order);
        var first = queue.GetProperty("items")[0].GetProperty("sla");
        Assert.True(first.GetProperty("breached").GetBoolean());
        Assert.True(queue.GetProperty("items")[1].GetProperty("sla").GetProperty("atRisk").GetBoolean());
        Assert.False(queue.GetProperty("items")[3].GetProperty("sla").GetProperty("atRisk").GetBoolean());
    }

    [Fact]
    public async Task A_second_engineer_saving_a_fault_the_first_just_changed_is_refused_with_412_and_the_first_change_stays()
    {
        var (first, _, suiteId) = await FacilityAsync();
        var second = (await app.UserAsync(Role.Engineer)).Client;
        var id = await new FaultBuilder(suiteId).SendAsync(first).IdOfAsync();
        var etag = (await second.GetAsync($"/api/v1/faults/{id}")).Headers.ETag!; // every fault read carries one

        using var acknowledge = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/faults/{id}/acknowledge") { Content = JsonContent.Create(new { }) };
        acknowledge.Headers.IfMatch.Add(etag);
        var saved = await first.SendAsync(acknowledge);
        using var escalate = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/faults/{id}/escalate")
        {
            Content = JsonContent.Create(new { reason = "Needs second line" }),
        };
        escalate.Headers.IfMatch.Add(etag);
        var stale = await second.SendAsync(escalate);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var fault = await first.FaultAsync(id);
        Assert.Equal("Acknowledged", fault.GetProperty("status").GetString());
        Assert.Equal("FirstLine", fault.GetProperty("tier").GetString());
    }

    [Fact]
    public async Task Every_rule_that_acts_leaves_an_audit_event_naming_it()
    {
        var (engineer, _, suiteId) = await FacilityAsync();
        var id = await new FaultBuilder(suiteId).AsHealthAndSafety().SendAsync(engineer).IdOfAsync();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        var audited = db.AuditEvents.Where(e => e.EntityType == nameof(RuleFiring)).Select(e => e.After).ToList();

        Assert.Contains(audited, after => after != null && after.Contains(id.ToString()) && after.Contains("\"E4\""));
    }
}
