using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// The app on real Kestrel at 127.0.0.1 and Debian's Alertmanager 0.25 delivering to it over HTTP.
public sealed class RealAlertmanagerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [FactWhenFileExists(AlertmanagerProcess.Binary, AlertmanagerProcess.Missing)]
    public async Task Alerts_sent_to_a_real_alertmanager_open_one_fault_and_its_repeats_open_no_more()
    {
        var ct = CancellationToken.None;
        await using var app = new AlertmanagerApp();
        app.UseKestrel(0);
        app.StartServer();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suite = $"MCR {Guid.NewGuid().ToString("N")[..6]}";
        var suiteId = await new SuiteBuilder().Named(suite).OfType(SuiteType.MachineRoom).SendAsync(manager);
        await using var alertmanager = await AlertmanagerProcess.StartAsync(new Uri(address, AlertmanagerApp.Route), AlertmanagerApp.Token, ct);
        var alertName = $"SanVolumeCapacityCritical{Guid.NewGuid().ToString("N")[..6]}";
        object[] alert =
        [
            new
            {
                labels = new Dictionary<string, string> { ["alertname"] = alertName, ["suite"] = suite, ["severity"] = "critical" },
                annotations = new Dictionary<string, string>
                {
                    ["summary"] = "Media volume on the SAN is 99 % full",
                    ["description"] = "Less than 50 GB left on /mnt/media; ingest will stop.",
                },
            },
        ];

        await alertmanager.PostAlertsAsync(alert, ct);
        var faults = await EventuallyAsync(() => FaultsAsync(manager, suiteId), f => f.Count >= 1, "a fault opened by the alert", alertmanager);
        var fault = Assert.Single(faults);
        Assert.Equal("Media volume on the SAN is 99 % full", fault.GetProperty("title").GetString());
        Assert.Equal("P1", fault.GetProperty("severity").GetString());
        Assert.Equal("Storage", fault.GetProperty("category").GetString());

        var deliveries = await ReceivedAsync(app, alertName);
        await alertmanager.PostAlertsAsync(alert, ct);
        // Alertmanager delivers the unchanged alert again every second (repeat_interval): two more deliveries
        // after the second post prove the app heard the repeats and still keeps one fault.
        await EventuallyAsync(() => ReceivedAsync(app, alertName), n => n >= deliveries + 2, "two more deliveries of the same alert", alertmanager);

        var after = Assert.Single(await FaultsAsync(manager, suiteId));
        Assert.Equal(fault.GetProperty("id").GetGuid(), after.GetProperty("id").GetGuid());
        Assert.Equal(fault.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
        var timeline = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{after.GetProperty("id").GetGuid()}/timeline", ct))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Single(timeline, e => e.GetProperty("kind").GetString() == "Logged");
        Assert.DoesNotContain(timeline, e => e.GetProperty("kind").GetString() == "Alert");
    }

    private static async Task<List<JsonElement>> FaultsAsync(HttpClient client, Guid suiteId) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/v1/faults?suiteId={suiteId}")).GetProperty("items").EnumerateArray()];

    private static async Task<int> ReceivedAsync(AlertmanagerApp app, string alertName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Application.Data.TechSupportDbContext>();
        return await db.MonitoringAlerts.AsNoTracking().Where(a => a.AlertName == alertName).Select(a => a.Received).SingleOrDefaultAsync();
    }

    // Polls a real process's effect, bounded; the failure carries what Alertmanager logged.
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, AlertmanagerProcess alertmanager)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > Patience)
            {
                Assert.Fail($"Waited {Patience.TotalSeconds} s for {what}. Alertmanager's log:\n{alertmanager.Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
