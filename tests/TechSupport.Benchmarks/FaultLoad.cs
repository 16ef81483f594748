using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechSupport.Benchmarks;

// Scenario "log faults over HTTP": an operator's POST /api/v1/faults, as many at once as the concurrency.
public sealed class FaultLoad(HttpClient client)
{
    public const string AdminEmail = "admin@demo.local";
    public const string DemoPassword = "Demo-Password-1";
    public const string SuiteName = "Benchmark grade suite";
    public const string Symptoms =
        "Playback stutters on the SAN mount after the overnight update; the grade suite drops frames at 4K DCI " +
        "and the client is in the room.";

    private string? _firstError;

    public string? FirstError => _firstError;

    public async Task SignInAsync(CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login",
            new { email = AdminEmail, password = DemoPassword }, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"Signing in as {AdminEmail} answered {(int)response.StatusCode}; the demo users must exist.");
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
    }

    // Reuses the benchmark's suite from an earlier run against the same app, so runs do not pile up suites.
    public async Task<Guid> SuiteAsync(CancellationToken ct)
    {
        var suites = await client.GetFromJsonAsync<JsonElement>("/api/v1/suites", ct);
        foreach (var suite in suites.GetProperty("items").EnumerateArray())
        {
            if (suite.GetProperty("name").GetString() == SuiteName)
            {
                return suite.GetProperty("id").GetGuid();
            }
        }

        using var response = await client.PostAsJsonAsync("/api/v1/suites", new { name = SuiteName, suiteType = "Grade" }, ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating the benchmark suite answered {(int)response.StatusCode}.");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }

    public async Task WarmUpAsync(Guid suiteId, int count, CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            await LogAsync(suiteId, $"Warm-up fault {i + 1}", ct);
        }
    }

    public async Task<Throughput> RunAsync(Guid suiteId, int faults, int concurrency, TimeSpan limit, CancellationToken ct)
    {
        var next = 0;
        var failed = 0;
        var latencies = new List<double>[concurrency];
        var clock = Stopwatch.StartNew();

        async Task Worker(int worker)
        {
            var mine = latencies[worker] = new List<double>(faults / concurrency + 1);
            int n;
            while (clock.Elapsed < limit && (n = Interlocked.Increment(ref next)) <= faults)
            {
                var started = Stopwatch.GetTimestamp();
                if (await LogAsync(suiteId, string.Create(CultureInfo.InvariantCulture, $"Benchmark fault {n}: SAN playback stutter"), ct))
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => Worker(w), ct)));
        clock.Stop();
        var all = latencies.SelectMany(l => l).ToList();
        return new Throughput(all.Count, failed, clock.Elapsed, all);
    }

    private async Task<bool> LogAsync(Guid suiteId, string title, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/faults", new
        {
            suiteId,
            title,
            symptoms = Symptoms,
            workflowStage = "Grade",
            category = "Storage",
            severity = "P3",
        }, ct);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return true;
        }

        var error = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}";
        Interlocked.CompareExchange(ref _firstError, error, null);
        return false;
    }
}
