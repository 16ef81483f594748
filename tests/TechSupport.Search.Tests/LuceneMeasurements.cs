using System.Diagnostics;
using TechSupport.Search;
using TechSupport.Search.Lucene;
using Xunit.Abstractions;

namespace TechSupport.Search.Tests;

// Timings of the Lucene index at 100k faults, printed and never asserted. Runs only when
// TECHSUPPORT_SEARCH_MEASURE is set (it takes a few minutes):
// TECHSUPPORT_SEARCH_MEASURE=100000 dotnet test tests/TechSupport.Search.Tests --filter LuceneMeasurements --logger "console;verbosity=detailed".
[RequiresEnvironmentVariable("TECHSUPPORT_SEARCH_MEASURE", "TECHSUPPORT_SEARCH_MEASURE not set: the Lucene timing run is opt-in, as it indexes 100,000 faults")]
public sealed class LuceneMeasurements(ITestOutputHelper output) : IDisposable
{
    private const int BatchSize = 1_000;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "techsupport-search-measure", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Print_indexing_search_and_visibility_timings()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("TECHSUPPORT_SEARCH_MEASURE"), out var n) && n > 0 ? n : 100_000;
        var faults = new SyntheticFaults(seed: 7);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var index = new LuceneSearchIndex(folder, LuceneSearchIndexTests.SynonymsFile);
        var ct = CancellationToken.None;

        var indexing = Stopwatch.StartNew();
        var batchTimes = new List<double>();
        for (var done = 0; done < count; done += BatchSize)
        {
            var batch = Enumerable.Range(done, Math.Min(BatchSize, count - done)).Select(i => faults.Next(i + 1, start.AddMinutes(i))).ToList();
            var batchWatch = Stopwatch.StartNew();
            await index.IndexAsync(batch, ct);
            batchTimes.Add(batchWatch.Elapsed.TotalMilliseconds);
        }

        indexing.Stop();
        output.WriteLine($"Indexed {count:N0} faults in batches of {BatchSize:N0}: {indexing.Elapsed.TotalSeconds:F1} s ({count / indexing.Elapsed.TotalSeconds:N0} faults/s); batch p50 {Percentile(batchTimes, 50):F0} ms, p95 {Percentile(batchTimes, 95):F0} ms");

        var access = new SearchAccess(Guid.NewGuid(), false, []);
        var manager = new SearchAccess(Guid.NewGuid(), true, []);
        foreach (var query in SyntheticFaults.Queries.Take(3))
        {
            await index.SearchAsync(new SearchQuery { Access = access, Text = query }, ct);
        }

        var searches = new List<double>();
        var byQuery = new Dictionary<string, List<double>>();
        for (var round = 0; round < 10; round++)
        {
            foreach (var query in SyntheticFaults.Queries)
            {
                var watch = Stopwatch.StartNew();
                var results = await index.SearchAsync(new SearchQuery { Access = round % 2 == 0 ? access : manager, Text = query }, ct);
                var elapsed = watch.Elapsed.TotalMilliseconds;
                searches.Add(elapsed);
                (byQuery.TryGetValue(query, out var list) ? list : byQuery[query] = []).Add(elapsed);
                if (round == 0)
                {
                    output.WriteLine($"  \"{query}\": {results.Total:N0} matches, top: {(results.Hits.Count > 0 ? results.Hits[0].Title : "-")}");
                }
            }
        }

        output.WriteLine($"Search (25 hits, 4 facets, snippets) at {count:N0}: p50 {Percentile(searches, 50):F1} ms, p95 {Percentile(searches, 95):F1} ms, max {searches.Max():F1} ms");
        foreach (var (query, times) in byQuery.OrderByDescending(q => Percentile(q.Value, 50)).Take(5))
        {
            output.WriteLine($"  slowest: \"{query}\" p50 {Percentile(times, 50):F1} ms");
        }

        var browse = Time(20, () => index.SearchAsync(new SearchQuery { Access = access }, ct));
        output.WriteLine($"Browse (empty query, newest first, facets): p50 {Percentile(await browse, 50):F1} ms, p95 {Percentile(await browse, 95):F1} ms");

        var typed = "Resolve playback stutters from the NEXIS workspace after the 19.1 update";
        var suggestionTimes = new List<double>();
        for (var length = 8; length <= typed.Length; length += 4)
        {
            var watch = Stopwatch.StartNew();
            await index.SuggestAsync(new SuggestionQuery { Access = access, Title = typed[..length], Components = faults.Configuration() }, ct);
            suggestionTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"Suggestions while typing ({suggestionTimes.Count} prefixes): p50 {Percentile(suggestionTimes, 50):F1} ms, p95 {Percentile(suggestionTimes, 95):F1} ms");

        var visibility = new List<double>();
        for (var i = 0; i < 100; i++)
        {
            var fault = faults.Next(count + i + 1, start.AddYears(5)) with { Title = $"Visibility probe zq{i}xv", Access = DocumentAccess.Standard };
            var watch = Stopwatch.StartNew();
            await index.IndexAsync([fault], ct);
            while ((await index.SearchAsync(new SearchQuery { Access = access, Text = $"zq{i}xv" }, ct)).Total == 0 && watch.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Yield();
            }

            visibility.Add(watch.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"Logged fault to first search hit (index one document, then search): p50 {Percentile(visibility, 50):F1} ms, p95 {Percentile(visibility, 95):F1} ms, max {visibility.Max():F1} ms");
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<double>> Time(int times, Func<Task> action)
    {
        var elapsed = new List<double>();
        for (var i = 0; i < times; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            elapsed.Add(watch.Elapsed.TotalMilliseconds);
        }

        return elapsed;
    }

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
