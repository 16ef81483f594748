using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Integrations;
using TechSupport.Domain;
using TechSupport.Tests.Support;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Tests;

public sealed class AlertmanagerTests(AlertmanagerApp app) : IClassFixture<AlertmanagerApp>
{
    private const string Unmapped = "/api/v1/integrations/alerts/unmapped";

    [Fact]
    public async Task A_firing_alert_opens_a_fault_on_the_suite_and_kit_its_labels_name()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suite = $"Grade {Guid.NewGuid().ToString("N")[..6]}";
        var suiteId = await new SuiteBuilder().Named(suite).OfType(SuiteType.Grade)
            .WithEquipment(EquipmentKind.SharedStorage, "Avid", "NEXIS E2").SendAsync(manager);
        var alert = new AlertBuilder().On(suite, "avid nexis e2").Labelled("severity", "warning");

        var response = await alert.SendAsync(app.Alertmanager());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.JsonAsync();
        Assert.Equal(1, summary.GetProperty("received").GetInt32());
        Assert.Equal(1, summary.GetProperty("opened").GetInt32());
        Assert.Equal(0, summary.GetProperty("updated").GetInt32());
        Assert.Equal(0, summary.GetProperty("unmapped").GetInt32());

        var fault = Assert.Single(await FaultsAsync(manager, suiteId));
        Assert.Equal("Shared storage volume over 95 % full", fault.GetProperty("title").GetString());
        Assert.Equal("P3", fault.GetProperty("severity").GetString());
        Assert.Equal("Storage", fault.GetProperty("category").GetString());
        Assert.Equal("Grade", fault.GetProperty("workflowStage").GetString());
        Assert.Equal("New", fault.GetProperty("status").GetString());
        Assert.Equal("Avid NEXIS E2", fault.GetProperty("equipment").GetProperty("name").GetString());
        Assert.Equal("Monitoring (Alertmanager)", fault.GetProperty("reportedBy").GetProperty("name").GetString());
        var symptoms = fault.GetProperty("symptoms").GetString();
        Assert.StartsWith("The media volume has 180 GB left", symptoms);
        Assert.Contains("severity=warning", symptoms);
        Assert.Contains($"suite={suite}", symptoms);
    }

    [Fact]
    public async Task Labels_may_name_the_suite_by_id_and_the_kit_by_serial_model_or_id()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().OfType(SuiteType.MachineRoom).SendAsync(manager);
        var lto = await AddEquipmentAsync(manager, suiteId, "LtoDrive", "IBM", "TS2290", "LTO-SN-0042");
        var sync = await AddEquipmentAsync(manager, suiteId, "SyncGenerator", "Tektronix", "SPG8000A", null);

        var bySerial = new AlertBuilder().Named("LtoDriveTemperatureHigh").On(suiteId.ToString(), "lto-sn-0042").Annotated("summary", null);
        var byModel = new AlertBuilder().Named("ReferenceSignalLost").On(suiteId.ToString().ToUpperInvariant(), "SPG8000A")
            .Annotated("summary", null);
        var byId = new AlertBuilder().Named("LtoDriveFanFailed").On(suiteId.ToString(), lto.ToString()).Annotated("summary", null);
        var response = await app.Alertmanager().PostAsJsonAsync(AlertmanagerApp.Route, AlertBuilder.Payload(bySerial, byModel, byId));

        Assert.Equal(3, (await response.JsonAsync()).GetProperty("opened").GetInt32());
        var faults = (await FaultsAsync(manager, suiteId))
            .ToDictionary(f => f.GetProperty("title").GetString()!.Split(' ')[0], f => f);
        Assert.Equal(lto, faults["LtoDriveTemperatureHigh"].GetProperty("equipment").GetProperty("id").GetGuid());
        Assert.Equal(sync, faults["ReferenceSignalLost"].GetProperty("equipment").GetProperty("id").GetGuid());
        Assert.Equal(lto, faults["LtoDriveFanFailed"].GetProperty("equipment").GetProperty("id").GetGuid());
        Assert.All(faults.Values, f => Assert.Equal("Archive", f.GetProperty("workflowStage").GetString()));
    }

    [Fact]
    public async Task An_equipment_label_that_names_no_kit_in_the_suite_logs_the_fault_on_the_suite_and_says_so()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suite = $"Dub {Guid.NewGuid().ToString("N")[..6]}";
        var suiteId = await new SuiteBuilder().Named(suite).OfType(SuiteType.AudioMix).SendAsync(manager);

        await new AlertBuilder().Named("DanteLinkDown").On(suite, "Focusrite RedNet").Annotated("summary", null)
            .SendAsync(app.Alertmanager());

        var fault = Assert.Single(await FaultsAsync(manager, suiteId));
        Assert.Equal($"DanteLinkDown in {suite}", fault.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, fault.GetProperty("equipment").ValueKind);
        Assert.Equal("Network", fault.GetProperty("category").GetString());
        Assert.Equal("Audio", fault.GetProperty("workflowStage").GetString());
        Assert.Contains("\"Focusrite RedNet\", which is not recorded in", fault.GetProperty("symptoms").GetString());
    }

    [Fact]
    public async Task The_same_alert_firing_again_updates_its_open_fault_instead_of_opening_a_second()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suite = $"Online {Guid.NewGuid().ToString("N")[..6]}";
        var suiteId = await new SuiteBuilder().Named(suite).SendAsync(manager);
        var alert = new AlertBuilder().Named("SdiInputFrameDrops").On(suite);
        await alert.SendAsync(app.Alertmanager());
        var first = Assert.Single(await FaultsAsync(manager, suiteId));

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var again = await alert.FiringSince(new DateTimeOffset(2026, 11, 23, 10, 2, 0, TimeSpan.Zero)).SendAsync(app.Alertmanager());

        var summary = await again.JsonAsync();
        Assert.Equal(0, summary.GetProperty("opened").GetInt32());
        Assert.Equal(1, summary.GetProperty("updated").GetInt32());
        var fault = Assert.Single(await FaultsAsync(manager, suiteId));
        Assert.Equal(first.GetProperty("id").GetGuid(), fault.GetProperty("id").GetGuid());
        Assert.Equal(first.GetProperty("version").GetInt32() + 1, fault.GetProperty("version").GetInt32());
        var entry = Assert.Single(await TimelineAsync(manager, fault), e => e.GetProperty("kind").GetString() == "Alert");
        Assert.Contains("SdiInputFrameDrops is firing", entry.GetProperty("text").GetString());
        Assert.Equal("Monitoring (Alertmanager)", entry.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_resolved_alert_adds_a_resolved_entry_to_the_open_fault()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suite = $"QC {Guid.NewGuid().ToString("N")[..6]}";
        var suiteId = await new SuiteBuilder().Named(suite).OfType(SuiteType.QcBay).SendAsync(manager);
        var alert = new AlertBuilder().Named("RaidArrayDegraded").On(suite);
        await alert.SendAsync(app.Alertmanager());

        // 10:20 UTC is 10:20 in London in November.
        var resolved = await alert.ResolvedAt(new DateTimeOffset(2026, 11, 23, 10, 20, 5, TimeSpan.Zero)).SendAsync(app.Alertmanager());

        Assert.Equal(1, (await resolved.JsonAsync()).GetProperty("updated").GetInt32());
        var fault = Assert.Single(await FaultsAsync(manager, suiteId));
        Assert.Equal("New", fault.GetProperty("status").GetString());
        var entry = Assert.Single(await TimelineAsync(manager, fault), e => e.GetProperty("kind").GetString() == "Alert");
        Assert.Equal("Monitoring: RaidArrayDegraded resolved at Mon 23 Nov 10:20:05 GMT.", entry.GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_alert_resolved_before_any_fault_was_opened_opens_none()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suite = $"Edit {Guid.NewGuid().ToString("N")[..6]}";
        var suiteId = await new SuiteBuilder().Named(suite).SendAsync(manager);

        var response = await new AlertBuilder().On(suite).ResolvedAt(new DateTimeOffset(2026, 11, 23, 9, 59, 0, TimeSpan.Zero))
            .SendAsync(app.Alertmanager());

        Assert.Equal(0, (await response.JsonAsync()).GetProperty("opened").GetInt32());
        Assert.Empty(await FaultsAsync(manager, suiteId));
    }

    [Fact]
    public async Task An_exact_replay_changes_nothing_but_when_the_alert_was_last_seen()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suite = $"VFX {Guid.NewGuid().ToString("N")[..6]}";
        var suiteId = await new SuiteBuilder().Named(suite).OfType(SuiteType.Vfx).SendAsync(manager);
        var mapped = new AlertBuilder().Named("RenderNodePsuFailed").On(suite);
        var lost = new AlertBuilder().Named("RenderNodeFanSlow").On($"Nowhere {Guid.NewGuid():N}");
        var payload = AlertBuilder.Payload(mapped, lost);
        await app.Alertmanager().PostAsJsonAsync(AlertmanagerApp.Route, payload);
        var firstSeen = app.Clock.GetUtcNow();
        var before = Assert.Single(await FaultsAsync(manager, suiteId));
        var timeline = await TimelineAsync(manager, before);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var replay = await app.Alertmanager().PostAsJsonAsync(AlertmanagerApp.Route, payload);

        var summary = await replay.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(2, summary.GetProperty("received").GetInt32());
        Assert.Equal(0, summary.GetProperty("opened").GetInt32());
        Assert.Equal(0, summary.GetProperty("updated").GetInt32());
        Assert.Equal(1, summary.GetProperty("unmapped").GetInt32());
        var after = Assert.Single(await FaultsAsync(manager, suiteId));
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
        Assert.Equal(before.GetProperty("updatedAt").GetDateTimeOffset(), after.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal(timeline.Count, (await TimelineAsync(manager, after)).Count);

        var kept = await UnmappedAsync(manager, lost.Fingerprint);
        Assert.Equal(2, kept.GetProperty("received").GetInt32());
        Assert.Equal(firstSeen, kept.GetProperty("firstSeenAt").GetDateTimeOffset());
        Assert.Equal(firstSeen.AddMinutes(5), kept.GetProperty("lastSeenAt").GetDateTimeOffset());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Application.Data.TechSupportDbContext>();
        var record = db.MonitoringAlerts.Single(a => a.Fingerprint == mapped.Fingerprint);
        Assert.Equal((2, firstSeen, firstSeen.AddMinutes(5)), (record.Received, record.FirstSeenAt, record.LastSeenAt));
    }

    [Fact]
    public async Task An_alert_for_no_known_suite_is_kept_for_review_and_never_refused()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var total = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/faults?pageSize=1")).GetProperty("total").GetInt32();
        var unknown = new AlertBuilder().Named("LicenceServerUnreachable").On("Suite that was never recorded").Labelled("severity", "critical");
        var unlabelled = new AlertBuilder().Named("NodeExporterDown");

        var response = await app.Alertmanager().PostAsJsonAsync(AlertmanagerApp.Route, AlertBuilder.Payload(unknown, unlabelled));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.JsonAsync();
        Assert.Equal((2, 0, 2), (summary.GetProperty("received").GetInt32(), summary.GetProperty("opened").GetInt32(),
            summary.GetProperty("unmapped").GetInt32()));
        Assert.Equal(total, (await manager.GetFromJsonAsync<JsonElement>("/api/v1/faults?pageSize=1")).GetProperty("total").GetInt32());
        var kept = await UnmappedAsync(manager, unknown.Fingerprint);
        Assert.Equal("LicenceServerUnreachable", kept.GetProperty("alertName").GetString());
        Assert.Equal("firing", kept.GetProperty("status").GetString());
        Assert.Equal("Suite that was never recorded", kept.GetProperty("labels").GetProperty("suite").GetString());
        Assert.Equal("critical", kept.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal("Shared storage volume over 95 % full", kept.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 58, 12, 345, TimeSpan.Zero), kept.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("endsAt").ValueKind);
        Assert.Equal(1, kept.GetProperty("received").GetInt32());
        Assert.Equal("NodeExporterDown", (await UnmappedAsync(manager, unlabelled.Fingerprint)).GetProperty("alertName").GetString());
    }

    [Theory]
    [InlineData(Role.Manager, HttpStatusCode.OK)]
    [InlineData(Role.Admin, HttpStatusCode.OK)]
    [InlineData(Role.Engineer, HttpStatusCode.Forbidden)]
    [InlineData(Role.Operator, HttpStatusCode.Forbidden)]
    public async Task Unmapped_alerts_are_for_managers_and_admins_to_review(Role role, HttpStatusCode expected)
    {
        var alert = new AlertBuilder().Named("PduOverTemperature").On("Machine room B (not recorded)");
        await alert.SendAsync(app.Alertmanager());
        var client = (await app.UserAsync(role)).Client;

        var api = await client.GetAsync(Unmapped + "?pageSize=100");
        var page = await client.GetAsync("/integrations/alerts");

        Assert.Equal(expected, api.StatusCode);
        Assert.Equal(expected, page.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            var list = await api.JsonAsync();
            Assert.Contains(list.GetProperty("items").EnumerateArray(), a => a.GetProperty("fingerprint").GetString() == alert.Fingerprint);
            Assert.True(list.GetProperty("total").GetInt32() >= 1);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("PduOverTemperature", html);
            Assert.Contains("suite=Machine room B (not recorded)", html);
        }
    }

    [Fact]
    public async Task The_facility_page_links_managers_to_the_unmapped_alerts()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var engineer = (await app.UserAsync(Role.Engineer)).Client;

        Assert.Contains("href=\"/integrations/alerts\"", await manager.GetStringAsync("/admin"));
        Assert.DoesNotContain("href=\"/integrations/alerts\"", await engineer.GetStringAsync("/admin"));
    }

    [Fact]
    public async Task A_critical_alert_opens_a_p1_on_the_clock_and_the_escalation_rules_act_on_it()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suite = $"Ingest {Guid.NewGuid().ToString("N")[..6]}";
        var suiteId = await new SuiteBuilder().Named(suite).OfType(SuiteType.Ingest).SendAsync(manager);
        var loggedAt = app.Clock.GetUtcNow();

        await new AlertBuilder().Named("IngestSdiSignalLost").On(suite).Labelled("severity", "critical").SendAsync(app.Alertmanager());

        var fault = Assert.Single(await FaultsAsync(manager, suiteId));
        Assert.Equal(("P1", "Signal", "Ingest", false), (fault.GetProperty("severity").GetString(), fault.GetProperty("category").GetString(),
            fault.GetProperty("workflowStage").GetString(), fault.GetProperty("securityIncident").GetBoolean()));
        Assert.Equal(loggedAt.AddMinutes(15), fault.GetProperty("targets").GetProperty("acknowledgeBy").GetDateTimeOffset());
        Assert.Equal(loggedAt.AddHours(1), fault.GetProperty("targets").GetProperty("restoreBy").GetDateTimeOffset());
        Assert.Equal("acknowledge", fault.GetProperty("sla").GetProperty("next").GetString());

        // E3: at 75 % of the 15-minute acknowledge target the fault is warned, like any other P1.
        app.Clock.Advance(TimeSpan.FromMinutes(12));
        await app.Services.GetRequiredService<EscalationService>().RunOnceAsync(CancellationToken.None);
        Assert.Contains(await TimelineAsync(manager, fault), e => e.GetProperty("kind").GetString() == "Warning"
            && e.GetProperty("text").GetString()!.Contains("rule E3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Three_alerts_of_one_kind_on_the_same_kit_escalate_at_once_as_a_recurring_problem()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suite = $"Grade {Guid.NewGuid().ToString("N")[..6]}";
        var suiteId = await new SuiteBuilder().Named(suite)
            .WithEquipment(EquipmentKind.SharedStorage, "Quantum", $"StorNext {Guid.NewGuid().ToString("N")[..4]}").SendAsync(manager);
        var kit = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/suites")).GetProperty("items").EnumerateArray()
            .Single(s => s.GetProperty("id").GetGuid() == suiteId).GetProperty("equipment")[0].GetProperty("id").GetGuid();

        // E6: three storage faults on one item within 14 days, each from a different alert, the last two in one delivery.
        await new AlertBuilder().Named("StorNextDiskFailed").On(suite, kit.ToString()).Annotated("summary", null).SendAsync(app.Alertmanager());
        var response = await app.Alertmanager().PostAsJsonAsync(AlertmanagerApp.Route, AlertBuilder.Payload(
            new AlertBuilder().Named("StorNextRaidRebuilding").On(suite, kit.ToString()).Annotated("summary", null),
            new AlertBuilder().Named("StorNextMetadataLatency").On(suite, kit.ToString()).Labelled("category", "storage")
                .Annotated("summary", null)));

        Assert.Equal(2, (await response.JsonAsync()).GetProperty("opened").GetInt32());
        var faults = await FaultsAsync(manager, suiteId);
        Assert.Equal(3, faults.Count);
        Assert.All(faults, f => Assert.Equal("Storage", f.GetProperty("category").GetString()));
        var third = faults.Single(f => f.GetProperty("title").GetString()!.StartsWith("StorNextMetadataLatency", StringComparison.Ordinal));
        var read = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{third.GetProperty("id").GetGuid()}");
        Assert.Equal("SecondLine", read.GetProperty("tier").GetString());
        Assert.Equal(3, read.GetProperty("recurringProblem").GetProperty("faults").GetArrayLength());
        Assert.Contains(await TimelineAsync(manager, read), e => e.GetProperty("text").GetString()!.Contains("rule E6", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_alert_fault_is_reported_by_one_monitoring_account_that_cannot_sign_in()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suite = $"Edit {Guid.NewGuid().ToString("N")[..6]}";
        var suiteId = await new SuiteBuilder().Named(suite).OfType(SuiteType.OfflineEdit).SendAsync(manager);

        await app.Alertmanager().PostAsJsonAsync(AlertmanagerApp.Route, AlertBuilder.Payload(
            new AlertBuilder().Named("WorkstationGpuTemperatureHigh").On(suite), new AlertBuilder().Named("AvidLicenceExpiring").On(suite)));
        await new AlertBuilder().Named("WorkstationDiskSmartWarning").On(suite).SendAsync(app.Alertmanager());

        var faults = await FaultsAsync(manager, suiteId);
        Assert.Equal(3, faults.Count);
        Assert.Single(faults.Select(f => f.GetProperty("reportedBy").GetProperty("id").GetGuid()).Distinct());
        Assert.Equal(["Hardware", "Licensing", "Storage"], faults.Select(f => f.GetProperty("category").GetString()).Order());
        Assert.All(faults, f => Assert.Equal("Offline", f.GetProperty("workflowStage").GetString()));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Application.Data.TechSupportDbContext>();
            Assert.Equal(1, db.Users.Count(u => u.Email == "alertmanager@system.local"));
        }

        foreach (var password in new[] { "", TechSupportApp.Password, AlertmanagerApp.Token })
        {
            var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = "alertmanager@system.local", password });
            Assert.True(login.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, $"signing in answered {login.StatusCode}");
        }
    }

    public static TheoryData<string?> WrongTokens => new() { null, "not-the-token-at-all-0000000000", AlertmanagerApp.Token + "x", "" };

    [Theory]
    [MemberData(nameof(WrongTokens))]
    public async Task The_webhook_refuses_a_missing_or_wrong_token_and_reads_nothing(string? token)
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suite = $"Grade {Guid.NewGuid().ToString("N")[..6]}";
        var suiteId = await new SuiteBuilder().Named(suite).SendAsync(manager);

        var response = await new AlertBuilder().On(suite).SendAsync(app.Alertmanager(token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await FaultsAsync(manager, suiteId));
    }

    [Fact]
    public async Task A_users_access_token_or_another_scheme_is_not_the_webhooks_token()
    {
        var admin = await app.AdminAsync();
        var basic = app.CreateClient();
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("alertmanager:" + AlertmanagerApp.Token)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await new AlertBuilder().SendAsync(admin)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new AlertBuilder().SendAsync(basic)).StatusCode);
    }

    [Fact]
    public async Task The_webhook_is_off_and_answers_404_when_no_token_is_configured()
    {
        await using var off = new TechSupportApp();
        var client = off.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AlertmanagerApp.Token);

        var response = await new AlertBuilder().SendAsync(client);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_token_too_short_to_be_a_secret_stops_the_app_at_start()
    {
        await using var weak = new TechSupportApp().With("Integrations:Alertmanager:Token", "secret");

        var failure = Assert.ThrowsAny<Exception>(() => weak.CreateClient());

        Assert.Contains("Integrations:Alertmanager:Token must be at least 16 characters", failure.ToString());
    }

    private const string Good = """{"status":"firing","labels":{"alertname":"NexisStorageCapacityLow","suite":"{suite}"},"startsAt":"2026-11-23T09:58:00Z","fingerprint":"{fp}a"}""";

    public static TheoryData<string, string> Malformed => new()
    {
        { "{not json", "body" },
        { "{\"version\":\"4\",\"alerts\":[", "alerts[0]" },
        { "[]", "body" },
        { "null", "body" },
        { "{\"alerts\":[" + Good + "]}", "version" },
        { "{\"version\":\"3\",\"alerts\":[" + Good + "]}", "version" },
        { "{\"version\":4,\"alerts\":[" + Good + "]}", "version" },
        { "{\"version\":\"4\"}", "alerts" },
        { "{\"version\":\"4\",\"alerts\":{}}", "alerts" },
        { "{\"version\":\"4\",\"alerts\":[" + Good + ",null]}", "alerts[1]" },
        { "{\"version\":\"4\",\"alerts\":[" + Good + ",{\"status\":\"firing\",\"labels\":{\"suite\":\"{suite}\"},\"startsAt\":\"2026-11-23T09:58:00Z\"}]}", "alerts[1].fingerprint" },
        { "{\"version\":\"4\",\"alerts\":[" + Good + ",{\"status\":\"firing\",\"labels\":{\"suite\":\"{suite}\"},\"startsAt\":\"2026-11-23T09:58:00Z\",\"fingerprint\":\" \"}]}", "alerts[1].fingerprint" },
        { "{\"version\":\"4\",\"alerts\":[" + Good + ",{\"labels\":{\"suite\":\"{suite}\"},\"startsAt\":\"2026-11-23T09:58:00Z\",\"fingerprint\":\"{fp}b\"}]}", "alerts[1].status" },
        { "{\"version\":\"4\",\"alerts\":[" + Good + ",{\"status\":\"pending\",\"labels\":{\"suite\":\"{suite}\"},\"startsAt\":\"2026-11-23T09:58:00Z\",\"fingerprint\":\"{fp}b\"}]}", "alerts[1].status" },
        { "{\"version\":\"4\",\"alerts\":[" + Good + ",{\"status\":\"firing\",\"startsAt\":\"2026-11-23T09:58:00Z\",\"fingerprint\":\"{fp}b\"}]}", "alerts[1].labels" },
        { "{\"version\":\"4\",\"alerts\":[" + Good + ",{\"status\":\"firing\",\"labels\":{},\"startsAt\":\"2026-11-23T09:58:00Z\",\"fingerprint\":\"{fp}b\"}]}", "alerts[1].labels" },
        { "{\"version\":\"4\",\"alerts\":[" + Good + ",{\"status\":\"firing\",\"labels\":{\"suite\":5},\"startsAt\":\"2026-11-23T09:58:00Z\",\"fingerprint\":\"{fp}b\"}]}", "alerts[1].labels.suite" },
        { "{\"version\":\"4\",\"alerts\":[" + Good + ",{\"status\":\"firing\",\"labels\":{\"suite\":\"{suite}\"},\"startsAt\":\"yesterday\",\"fingerprint\":\"{fp}b\"}]}", "alerts[1].startsAt" },
        { "{\"version\":\"4\",\"alerts\":[" + Good + ",{\"status\":\"firing\",\"labels\":{\"suite\":\"{suite}\"},\"fingerprint\":\"{fp}b\"}]}", "alerts[1].startsAt" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_payload_is_refused_naming_the_field_and_nothing_changes(string body, string field)
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suite = $"Grade {Guid.NewGuid().ToString("N")[..6]}";
        var suiteId = await new SuiteBuilder().Named(suite).SendAsync(manager);
        var unmapped = (await manager.GetFromJsonAsync<JsonElement>(Unmapped)).GetProperty("total").GetInt32();
        var fingerprint = Guid.NewGuid().ToString("N")[..12];
        using var content = new StringContent(body.Replace("{suite}", suite, StringComparison.Ordinal)
            .Replace("{fp}", fingerprint, StringComparison.Ordinal), Encoding.UTF8, "application/json");

        var response = await app.Alertmanager().PostAsync(AlertmanagerApp.Route, content);

        await Problems.AssertFieldErrorAsync(response, field);
        Assert.Empty(await FaultsAsync(manager, suiteId));
        Assert.Equal(unmapped, (await manager.GetFromJsonAsync<JsonElement>(Unmapped)).GetProperty("total").GetInt32());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Application.Data.TechSupportDbContext>();
        Assert.False(db.MonitoringAlerts.Any(a => a.Fingerprint.StartsWith(fingerprint)));
    }

    [Fact]
    public async Task A_payload_that_is_not_json_is_refused_naming_the_content_type()
    {
        using var content = new StringContent("alertname=DiskFull", Encoding.UTF8, "text/plain");

        var response = await app.Alertmanager().PostAsync(AlertmanagerApp.Route, content);

        await Problems.AssertFieldErrorAsync(response, "Content-Type");
    }

    [Theory]
    [InlineData("critical", Severity.P1)]
    [InlineData("CRITICAL", Severity.P1)]
    [InlineData("error", Severity.P2)]
    [InlineData("major", Severity.P2)]
    [InlineData("warning", Severity.P3)]
    [InlineData("info", Severity.P4)]
    [InlineData("P4", Severity.P4)]
    [InlineData("page", Severity.P2)]
    [InlineData(null, Severity.P2)]
    public void An_alerts_severity_label_reads_as_a_fault_severity(string? label, Severity expected) =>
        Assert.Equal(expected, AlertTriage.SeverityOf(label));

    [Theory]
    [InlineData(null, "NexisDiskFailed", FaultCategory.Storage)]
    [InlineData(null, "RaidLinkDown", FaultCategory.Storage)]
    [InlineData(null, "SanCapacityLow", FaultCategory.Storage)]
    [InlineData(null, "GpuTemperatureHigh", FaultCategory.Hardware)]
    [InlineData(null, "ChassisFanStopped", FaultCategory.Hardware)]
    [InlineData(null, "PsuRedundancyLost", FaultCategory.Hardware)]
    [InlineData(null, "ResolveLicenceExpiring", FaultCategory.Licensing)]
    [InlineData(null, "FlexLicenseServerDown", FaultCategory.Licensing)]
    [InlineData(null, "PlayoutDroppedFrames", FaultCategory.Signal)]
    [InlineData(null, "SdiInputLost", FaultCategory.Signal)]
    [InlineData(null, "SwitchNetworkErrors", FaultCategory.Network)]
    [InlineData(null, "UplinkDown", FaultCategory.Network)]
    [InlineData(null, "NodeExporterDown", FaultCategory.Hardware)]
    [InlineData("colour", "ProbeOutOfGamut", FaultCategory.Colour)]
    [InlineData("Audio", "NexisDiskFailed", FaultCategory.Audio)]
    [InlineData("3", "NexisDiskFailed", FaultCategory.Storage)]
    [InlineData("plumbing", "ChassisFanStopped", FaultCategory.Hardware)]
    public void An_alerts_category_comes_from_its_label_or_its_name(string? label, string alertName, FaultCategory expected) =>
        Assert.Equal(expected, AlertTriage.CategoryOf(label, alertName));

    [Theory]
    [InlineData(SuiteType.OfflineEdit, WorkflowStage.Offline)]
    [InlineData(SuiteType.OnlineEdit, WorkflowStage.Online)]
    [InlineData(SuiteType.Grade, WorkflowStage.Grade)]
    [InlineData(SuiteType.AudioMix, WorkflowStage.Audio)]
    [InlineData(SuiteType.Vfx, WorkflowStage.Vfx)]
    [InlineData(SuiteType.MachineRoom, WorkflowStage.Archive)]
    [InlineData(SuiteType.QcBay, WorkflowStage.Qc)]
    [InlineData(SuiteType.Ingest, WorkflowStage.Ingest)]
    [InlineData(SuiteType.DitCart, WorkflowStage.Ingest)]
    public void An_alerts_workflow_stage_is_the_work_its_suite_does(SuiteType suiteType, WorkflowStage expected) =>
        Assert.Equal(expected, AlertTriage.StageOf(suiteType));

    private static async Task<List<JsonElement>> FaultsAsync(HttpClient client, Guid suiteId) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/v1/faults?suiteId={suiteId}&pageSize=100"))
            .GetProperty("items").EnumerateArray()];

    private static async Task<List<JsonElement>> TimelineAsync(HttpClient client, JsonElement fault) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{fault.GetProperty("id").GetGuid()}/timeline"))
            .GetProperty("items").EnumerateArray()];

    private static async Task<JsonElement> UnmappedAsync(HttpClient client, string fingerprint) =>
        (await client.GetFromJsonAsync<JsonElement>(Unmapped + "?pageSize=100")).GetProperty("items").EnumerateArray()
        .Single(a => a.GetProperty("fingerprint").GetString() == fingerprint);

    private static async Task<Guid> AddEquipmentAsync(HttpClient manager, Guid suiteId, string kind, string make, string model, string? serial)
    {
        var response = await manager.PostAsJsonAsync($"/api/v1/suites/{suiteId}/equipment", new { kind, make, model, serial });
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }
}
