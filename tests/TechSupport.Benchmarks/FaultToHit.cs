using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechSupport.Benchmarks;

// Polls holds each search request's own time: a hit is seen up to one poll after it became searchable.
public sealed record FaultToHitResult(Throughput FromSend, Throughput FromCreated, Throughput Polls, int Missed);

// Time from a logged fault to its first search hit: an operator's POST /api/v1/faults, then a colleague's
// GET /api/v1/search for a word only that fault holds, asked again every 5 ms until the fault comes back.
public sealed class FaultToHit(HttpClient client)
{
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    public async Task<FaultToHitResult> RunAsync(Guid suiteId, int warmup, int count, CancellationToken ct)
    {
        var fromSend = new List<double>(count);
        var fromCreated = new List<double>(count);
        var polls = new List<double>();
        var missed = 0;
        for (var i = 0; i < warmup + count; i++)
        {
            var word = UniqueWord();
            var sent = Stopwatch.GetTimestamp();
            var id = await LogAsync(suiteId, word, ct);
            var created = Stopwatch.GetTimestamp();
            var found = await AwaitHitAsync(word, id, i < warmup ? [] : polls, ct);
            var done = Stopwatch.GetTimestamp();
            if (i < warmup)
            {
                continue;
            }

            // A miss counts at the cap, so the percentiles never look better for it.
            missed += found ? 0 : 1;
            fromSend.Add(found ? Stopwatch.GetElapsedTime(sent, done).TotalMilliseconds : Cap.TotalMilliseconds);
            fromCreated.Add(found ? Stopwatch.GetElapsedTime(created, done).TotalMilliseconds : Cap.TotalMilliseconds);
        }

        return new FaultToHitResult(Measured(fromSend), Measured(fromCreated), Measured(polls), missed);
    }

    // Letters only, so the tokenizer keeps it whole; sixteen of them, so no other word lies within the
    // two edits a fuzzy match allows and the search can only find this fault.
    private static string UniqueWord() =>
        "zq" + string.Concat(Guid.NewGuid().ToString("N")[..14].Select(c => (char)(c <= '9' ? 'a' + (c - '0') : 'k' + (c - 'a'))));

    private async Task<Guid> LogAsync(Guid suiteId, string word, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/faults", new
        {
            suiteId,
            title = $"Benchmark fault {word}: SAN playback stutter",
            symptoms = $"{FaultLoad.Symptoms} Tag {word}.",
            workflowStage = "Grade",
            category = "Storage",
            severity = "P3",
        }, ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException(
                $"Logging a fault answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }

    private async Task<bool> AwaitHitAsync(string word, Guid id, List<double> polls, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var asked = Stopwatch.GetTimestamp();
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={word}&pageSize=5", ct);
            polls.Add(Stopwatch.GetElapsedTime(asked).TotalMilliseconds);
            foreach (var hit in page.GetProperty("hits").EnumerateArray())
            {
                if (hit.GetProperty("id").GetGuid() == id)
                {
                    return true;
                }
            }

            if (clock.Elapsed >= Cap)
            {
                return false;
            }

            await Task.Delay(Poll, ct);
        }
    }

    private static Throughput Measured(List<double> latencies) =>
        new(latencies.Count, 0, TimeSpan.FromMilliseconds(latencies.Sum()), latencies);
}
