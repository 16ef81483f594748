using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;

namespace TechSupport.Tests.Support;

// Debian's real prometheus-alertmanager, on its own free port on 127.0.0.1 with clustering off and its
// own storage folder, so it neither meets nor minds a system instance on 9093. Killed when disposed.
public sealed class AlertmanagerProcess : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus-alertmanager";
    public const string Missing = "prometheus-alertmanager is not installed; .ci/run installs it (apt-get install prometheus-alertmanager)";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _http;

    private AlertmanagerProcess(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
    }

    // What Alertmanager logged, for a failure message.
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    // group_wait and group_interval of a second deliver at once; repeat_interval of a second makes it
    // deliver the same alert again and again, as a long-firing alert is in production.
    public static async Task<AlertmanagerProcess> StartAsync(Uri webhook, string token, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "techsupport-alertmanager", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "alertmanager.yml");
        await File.WriteAllTextAsync(config, $"""
            route:
              receiver: techsupport
              group_by: ['alertname', 'suite']
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1s
            receivers:
              - name: techsupport
                webhook_configs:
                  - url: '{webhook}'
                    send_resolved: true
                    http_config:
                      authorization:
                        type: Bearer
                        credentials: '{token}'
            """, ct);

        var port = FreePort();
        var start = new ProcessStartInfo(Binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add($"--config.file={config}");
        start.ArgumentList.Add($"--storage.path={Path.Combine(folder, "data")}");
        start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add("--cluster.listen-address=");

        var process = new Process { StartInfo = start };
        var alertmanager = new AlertmanagerProcess(process, folder, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await alertmanager.WaitUntilReadyAsync(ct);
        }
        catch
        {
            await alertmanager.DisposeAsync();
            throw;
        }

        return alertmanager;
    }

    // As Prometheus sends them: POST /api/v2/alerts with labels and annotations.
    public async Task PostAlertsAsync(object[] alerts, CancellationToken ct)
    {
        var response = await _http.PostAsJsonAsync("api/v2/alerts", alerts, ct);
        Assert.True(response.IsSuccessStatusCode,
            $"Alertmanager answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // It never started: nothing to stop.
        }

        _process.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Alertmanager exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var ready = await _http.GetAsync("-/ready", ct);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }

        throw new TimeoutException($"Alertmanager was not ready within {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
