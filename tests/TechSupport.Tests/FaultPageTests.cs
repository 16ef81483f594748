using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// The fault page as an engineer works it without JavaScript: the next target, escalating by hand, and a workaround
// checked against the deliverable before it is applied (K9, E8).
public sealed class FaultPageTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task A_workaround_that_conflicts_with_the_deliverable_is_applied_only_once_the_engineer_confirms_it()
    {
        var (pages, api, faultId) = await EngineerWithFaultAsync(WorkaroundCheckTests.HdrMaster);
        var form = WorkaroundForm(await VersionAsync(api, faultId), ("bitDepth", "8"), ("frameRate", "25"));

        var warned = await pages.PostAsync($"/faults/{faultId}?handler=Workaround", form);

        Assert.Equal(HttpStatusCode.OK, warned.Status);
        var warning = warned.Text("div#deliverable-warning");
        Assert.Contains("This workaround puts the deliverable at risk", warning, StringComparison.Ordinal);
        Assert.Contains("Bit depth: 8-bit is below the deliverable's 10-bit.", warning, StringComparison.Ordinal);
        Assert.Contains("Frame rate: 25 fps is not the deliverable's 23.976 fps.", warning, StringComparison.Ordinal);
        Assert.Contains("Applying it escalates the fault to Second line and flags the deliverable for QC (rule E8).", warning,
            StringComparison.Ordinal);
        Assert.Contains("Apply anyway", warning, StringComparison.Ordinal);
        // The form comes back as typed, so confirming sends the same workaround.
        Assert.Equal("8", warned.Value("Workaround.Changes[0].Value"));
        Assert.Equal("Regrade from the camera originals before delivery.", warned.Text("textarea[name='Workaround.Conditions']"));
        await AssertNothingAppliedAsync(api, faultId);

        // Sending it again without the tick is still not a confirmation.
        form["Workaround.Warned"] = warned.Value("Workaround.Warned");
        Assert.Equal(HttpStatusCode.OK, (await pages.PostAsync($"/faults/{faultId}?handler=Workaround", form)).Status);
        await AssertNothingAppliedAsync(api, faultId);

        form["Workaround.ApplyAnyway"] = "true";
        var applied = await pages.FollowAsync(await pages.PostAsync($"/faults/{faultId}?handler=Workaround", form));

        var text = applied.Text();
        Assert.Contains("the fault is at Second line and the deliverable is flagged for QC", text, StringComparison.Ordinal);
        Assert.Contains("Second line tier", applied.Text("header.fault-head"), StringComparison.Ordinal);
        Assert.Contains("Deliverable flagged for QC", text, StringComparison.Ordinal);
        var listed = applied.Text("ol.workarounds");
        Assert.Contains("Changes: Bit depth 8 · Frame rate 25", listed, StringComparison.Ordinal);
        Assert.Contains("8-bit is below the deliverable's 10-bit.", listed, StringComparison.Ordinal);

        var fault = await api.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{faultId}");
        Assert.Equal("SecondLine", fault.GetProperty("tier").GetString());
        Assert.True(fault.GetProperty("qcFlagged").GetBoolean());
        var workaround = Assert.Single(fault.GetProperty("workarounds").EnumerateArray());
        Assert.Equal(["bitDepth=8", "frameRate=25"], workaround.GetProperty("changes").EnumerateArray()
            .Select(c => $"{c.GetProperty("aspect").GetString()}={c.GetProperty("value").GetString()}").Order());
        Assert.Equal(2, workaround.GetProperty("conflicts").GetArrayLength());
    }

    [Fact]
    public async Task A_confirmation_given_for_one_conflict_does_not_cover_another()
    {
        var (pages, api, faultId) = await EngineerWithFaultAsync(WorkaroundCheckTests.HdrMaster);
        var form = WorkaroundForm(await VersionAsync(api, faultId), ("bitDepth", "8"));
        var warned = await pages.PostAsync($"/faults/{faultId}?handler=Workaround", form);

        // Ticked, but the loudness change was added after the warning was read.
        form = WorkaroundForm(await VersionAsync(api, faultId), ("bitDepth", "8"), ("loudness", "-16 LUFS"));
        form["Workaround.Warned"] = warned.Value("Workaround.Warned");
        form["Workaround.ApplyAnyway"] = "true";
        var again = await pages.PostAsync($"/faults/{faultId}?handler=Workaround", form);

        Assert.Equal(HttpStatusCode.OK, again.Status);
        var warning = again.Text("div#deliverable-warning");
        Assert.Contains("-16 LUFS is off the deliverable's -23 LUFS target.", warning, StringComparison.Ordinal);
        await AssertNothingAppliedAsync(api, faultId);
    }

    [Fact]
    public async Task An_unacceptable_workaround_is_warned_of_even_when_it_names_no_changes()
    {
        var (pages, api, faultId) = await EngineerWithFaultAsync(WorkaroundCheckTests.HdrMaster);
        var form = WorkaroundForm(await VersionAsync(api, faultId));
        form["Workaround.Acceptability"] = "Unacceptable";

        var warned = await pages.PostAsync($"/faults/{faultId}?handler=Workaround", form);

        var warning = warned.Text("div#deliverable-warning");
        Assert.Contains("It is marked not acceptable for the deliverables.", warning, StringComparison.Ordinal);
        await AssertNothingAppliedAsync(api, faultId);
    }

    [Fact]
    public async Task A_workaround_within_the_deliverable_spec_is_applied_at_once()
    {
        var (pages, api, faultId) = await EngineerWithFaultAsync(WorkaroundCheckTests.HdrMaster);
        var form = WorkaroundForm(await VersionAsync(api, faultId), ("frameRate", "23.976"), ("bitDepth", "12"));

        var page = await pages.FollowAsync(await pages.PostAsync($"/faults/{faultId}?handler=Workaround", form));

        Assert.Contains($"Workaround applied to", page.Text(), StringComparison.Ordinal);
        var fault = await api.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{faultId}");
        Assert.Equal("FirstLine", fault.GetProperty("tier").GetString());
        Assert.False(fault.GetProperty("qcFlagged").GetBoolean());
        Assert.Empty(Assert.Single(fault.GetProperty("workarounds").EnumerateArray()).GetProperty("conflicts").EnumerateArray());
    }

    [Fact]
    public async Task A_change_without_an_aspect_a_change_given_twice_and_one_without_a_value_are_shown_beside_their_rows()
    {
        var (pages, api, faultId) = await EngineerWithFaultAsync(WorkaroundCheckTests.HdrMaster);
        var version = await VersionAsync(api, faultId);

        var form = WorkaroundForm(version, ("", "25"), ("bitDepth", "8"), ("bitDepth", "10"));
        var page = await pages.PostAsync($"/faults/{faultId}?handler=Workaround", form);
        Assert.Equal("true", page.Field("Workaround.Changes[0].Aspect").GetAttribute("aria-invalid"));
        Assert.Equal("true", page.Field("Workaround.Changes[2].Aspect").GetAttribute("aria-invalid"));
        Assert.Contains("Bit depth is given twice", page.Text(), StringComparison.Ordinal);

        form = WorkaroundForm(version, ("bitDepth", "8"), ("frameRate", ""));
        form["Workaround.Warned"] = "bitDepth=8";
        form["Workaround.ApplyAnyway"] = "true";
        page = await pages.PostAsync($"/faults/{faultId}?handler=Workaround", form);
        Assert.Equal("true", page.Field("Workaround.Changes[1].Value").GetAttribute("aria-invalid"));
        Assert.Contains("Say what it changes to", page.Text(), StringComparison.Ordinal);
        await AssertNothingAppliedAsync(api, faultId);
    }

    [Fact]
    public async Task An_engineer_escalates_from_the_page_to_a_higher_tier_only()
    {
        var (pages, api, faultId) = await EngineerWithFaultAsync(WorkaroundCheckTests.HdrMaster);
        var page = await pages.OpenAsync($"/faults/{faultId}");
        Assert.Contains("First line tier", page.Text("header.fault-head"), StringComparison.Ordinal);
        var tiers = page.Get("select[name='Escalation.Tier']");
        Assert.Null(tiers.QuerySelector("[value=FirstLine]"));
        // One tier up is the default: the first option, nothing else selected.
        Assert.StartsWith("Second line", HtmlPage.Normalise(tiers.TextContent), StringComparison.Ordinal);
        Assert.NotNull(tiers.QuerySelector("[value=Specialist]"));
        Assert.Null(tiers.QuerySelector("[selected]"));

        var refused = await pages.PostAsync($"/faults/{faultId}?handler=Escalate",
            new() { ["Version"] = await VersionAsync(api, faultId), ["Escalation.Tier"] = "Specialist", ["Escalation.Reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("true", refused.Field("Escalation.Reason").GetAttribute("aria-invalid"));
        Assert.Contains("Say why the fault needs a higher tier.", refused.Text(), StringComparison.Ordinal);

        var escalated = await pages.FollowAsync(await pages.PostAsync($"/faults/{faultId}?handler=Escalate", new()
        {
            ["Version"] = await VersionAsync(api, faultId),
            ["Escalation.Tier"] = "Specialist",
            ["Escalation.Reason"] = "Needs the vendor: the I/O card firmware is suspect.",
        }));

        var text = escalated.Text();
        Assert.Contains("escalated to Specialist / vendor", text, StringComparison.Ordinal);
        Assert.Contains("Specialist / vendor tier", escalated.Text("header.fault-head"), StringComparison.Ordinal);
        Assert.Contains("Escalated to Specialist / vendor by hand: Needs the vendor", text, StringComparison.Ordinal);
        Assert.Equal("Specialist", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{faultId}")).GetProperty("tier").GetString());
        Assert.Equal(["Manager"], TierOptions(escalated));

        // With no tier given the fault goes one up; at the top the form is gone.
        var top = await pages.FollowAsync(await pages.PostAsync($"/faults/{faultId}?handler=Escalate",
            new() { ["Version"] = await VersionAsync(api, faultId), ["Escalation.Reason"] = "Client escalation." }));
        Assert.Equal("Manager", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{faultId}")).GetProperty("tier").GetString());
        Assert.Empty(TierOptions(top));
        Assert.Contains("At the Manager tier: there is no higher tier to escalate to.", top.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_is_not_offered_escalation_and_may_not_post_it()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var (email, _) = await app.AccountAsync(Role.Operator);
        var api = await app.SignInAsync(email);
        var faultId = (await new FaultBuilder(suiteId).SendAsync(api)).GetProperty("id").GetGuid();
        var pages = await PageSession.SignInAsync(app, email);

        Assert.Empty(TierOptions(await pages.OpenAsync($"/faults/{faultId}")));
        var response = await pages.PostAsync($"/faults/{faultId}?handler=Escalate",
            new() { ["Version"] = await VersionAsync(api, faultId), ["Escalation.Reason"] = "Let me through." });

        Assert.Equal("/account/denied", response.Location?.AbsolutePath);
        Assert.Equal("FirstLine", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{faultId}")).GetProperty("tier").GetString());
    }

    [Fact]
    public async Task The_targets_show_which_is_next_and_when_it_is_at_risk_or_missed()
    {
        var (pages, _, faultId) = await EngineerWithFaultAsync(WorkaroundCheckTests.HdrMaster, Severity.P1);

        var fresh = await pages.OpenAsync($"/faults/{faultId}");
        Assert.Contains("Next: Acknowledge — due in 15 min", SlaText(fresh), StringComparison.Ordinal);
        Assert.Equal("next: due in 15 min", TargetState(fresh, "Acknowledge"));
        Assert.Equal("due in 1 h 0 min", TargetState(fresh, "Restore"));

        // E3: past 75 % of the 15 minutes the next target is at risk.
        app.Clock.Advance(TimeSpan.FromMinutes(12));
        var atRisk = await pages.OpenAsync($"/faults/{faultId}");
        Assert.Contains("Next: Acknowledge — at risk, due in 3 min", SlaText(atRisk), StringComparison.Ordinal);
        Assert.Equal("next: due in 3 min, at risk", TargetState(atRisk, "Acknowledge"));

        app.Clock.Advance(TimeSpan.FromMinutes(4));
        var missed = await pages.OpenAsync($"/faults/{faultId}");
        Assert.Contains("Next: Acknowledge — missed, it was due", SlaText(missed), StringComparison.Ordinal);
        Assert.Equal("next: missed", TargetState(missed, "Acknowledge"));

        // Bearer tokens last 15 minutes on this clock too; the page carries the version it was drawn from.
        await pages.FollowAsync(await pages.PostAsync($"/faults/{faultId}?handler=Acknowledge",
            new() { ["Version"] = missed.Value("Version") }));
        var acknowledged = await pages.OpenAsync($"/faults/{faultId}");
        Assert.Equal("met late", TargetState(acknowledged, "Acknowledge"));
        Assert.Contains("Next: Restore (workaround) — due in 44 min", SlaText(acknowledged), StringComparison.Ordinal);
        Assert.Equal("next: due in 44 min", TargetState(acknowledged, "Restore"));
    }

    [Fact]
    public async Task A_security_incident_shows_its_locked_attachments_and_the_manager_tier()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var (email, _) = await app.AccountAsync(Role.Operator);
        var faultId = (await new FaultBuilder(suiteId).AsSecurityIncident().SendAsync(await app.SignInAsync(email)))
            .GetProperty("id").GetGuid();

        var header = (await (await PageSession.SignInAsync(app, email)).OpenAsync($"/faults/{faultId}")).Text("header.fault-head");

        Assert.Contains("Attachments locked", header, StringComparison.Ordinal);
        Assert.Contains("Manager tier", header, StringComparison.Ordinal);
        Assert.Contains("Restricted", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recurring_problem_links_its_other_faults_by_number()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().WithEquipment(EquipmentKind.SharedStorage, "Avid", "NEXIS E2").SendAsync(manager);
        var suites = await manager.GetFromJsonAsync<JsonElement>("/api/v1/suites");
        var equipmentId = suites.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == suiteId)
            .GetProperty("equipment")[0].GetProperty("id").GetGuid();
        var (email, _) = await app.AccountAsync(Role.Engineer);
        var api = await app.SignInAsync(email);
        var faults = new List<JsonElement>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            faults.Add(await new FaultBuilder(suiteId).On(equipmentId).SendAsync(api));
            app.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        var page = await (await PageSession.SignInAsync(app, email)).OpenAsync($"/faults/{faults[2].GetProperty("id").GetGuid()}");

        var problem = page.Get("ul.recurring");
        foreach (var earlier in faults.Take(2))
        {
            var link = problem.QuerySelector($"a.num[href='/faults/{earlier.GetProperty("id").GetGuid()}']");
            Assert.NotNull(link);
            Assert.Equal(earlier.GetProperty("number").GetString(), link.TextContent);
        }

        Assert.Contains($"{faults[2].GetProperty("number").GetString()} (this fault)", HtmlPage.Normalise(problem.TextContent), StringComparison.Ordinal);
    }

    private async Task<(PageSession Pages, HttpClient Api, Guid FaultId)> EngineerWithFaultAsync(object spec, Severity severity = Severity.P2)
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var productionId = await new ProductionBuilder().Delivering(spec).SendAsync(manager);
        var (email, _) = await app.AccountAsync(Role.Engineer);
        var api = await app.SignInAsync(email);
        var fault = await new FaultBuilder(suiteId).For(productionId).WithSeverity(severity).SendAsync(api);
        return (await PageSession.SignInAsync(app, email), api, fault.GetProperty("id").GetGuid());
    }

    private static async Task<string> VersionAsync(HttpClient api, Guid faultId) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{faultId}")).GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string?> WorkaroundForm(string version, params (string Aspect, string Value)[] changes)
    {
        var form = new Dictionary<string, string?>
        {
            ["Version"] = version,
            ["Workaround.Description"] = "Render the dailies through the spare Resolve node.",
            ["Workaround.Acceptability"] = "AcceptableWithConditions",
            ["Workaround.Conditions"] = "Regrade from the camera originals before delivery.",
        };
        for (var i = 0; i < 3; i++)
        {
            form[$"Workaround.Changes[{i}].Aspect"] = i < changes.Length ? changes[i].Aspect : "";
            form[$"Workaround.Changes[{i}].Value"] = i < changes.Length ? changes[i].Value : "";
        }

        return form;
    }

    private static async Task AssertNothingAppliedAsync(HttpClient api, Guid faultId)
    {
        var fault = await api.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{faultId}");
        Assert.Empty(fault.GetProperty("workarounds").EnumerateArray());
        Assert.Equal("FirstLine", fault.GetProperty("tier").GetString());
        Assert.False(fault.GetProperty("qcFlagged").GetBoolean());
    }

    private static string[] TierOptions(HtmlPage page) =>
        page.Find("[name='Escalation.Tier']") is null
            ? []
            : [.. page.Get("select[name='Escalation.Tier']").QuerySelectorAll("option").Select(o => o.GetAttribute("value") ?? "")
                .Where(v => v.Length > 0)];

    private static string SlaText(HtmlPage page) => page.Text("p#sla");

    // The State cell of a target's row.
    private static string TargetState(HtmlPage page, string target)
    {
        var row = page.Get("table.targets").QuerySelectorAll("tr")
            .First(r => r.QuerySelector("th[scope=row]") is { } th && th.TextContent.StartsWith(target, StringComparison.Ordinal));
        return HtmlPage.Normalise(row.QuerySelectorAll("td")[^1].TextContent);
    }
}
