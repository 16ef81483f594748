using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Data;
using TechSupport.Application.Outbox;
using TechSupport.Search;

namespace TechSupport.Benchmarks;

// Scenario "search": import throughput, then search and suggestion latency at that size next to raw
// Lucene on the same index, then the time from a fault logged over HTTP to its first search hit.
public sealed class SearchScenario(BenchmarkOptions options, string dataPath)
{
    private const int Searches = 50;
    private const int Slowest = 3;
    private const string ManagerEmail = "MANAGER@DEMO.LOCAL";

    public async Task RunAsync(CancellationToken ct)
    {
        var faults = options.SearchFaults;
        var queries = await OperatorQueries.LoadAsync(Searches, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scenario: import {faults:N0} generated faults (seed {options.Seed}) into a fresh data folder, bypassing HTTP, " +
            $"then index them with the outbox dispatcher; the app's services without its host, Lucene engine"));

        var reused = File.Exists(Path.Combine(dataPath, "techsupport.db"));
        await using (var app = AppServices.Create(dataPath))
        {
            var import = new Import(app);
            await import.PrepareAsync(ct);
            if (reused)
            {
                var held = await FaultCountAsync(app, ct);
                if (held < faults)
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"{dataPath} holds {held:N0} faults, fewer than {faults:N0}: give an empty folder, or --faults {held}."));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"import skipped: {dataPath} already holds {held:N0} faults and their index; {DiskUse()}"));
                await RebuildIfOlderAsync(app, ct);
            }
            else
            {
                var result = await import.RunAsync(faults, options.Seed, ct);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"import at {faults:N0} faults: database write {result.FaultsPerSecond:N0} faults/s " +
                    $"({result.Write.TotalSeconds:0.0} s), indexing {result.DocumentsPerSecond:N0} docs/s " +
                    $"({result.Documents:N0} docs in {result.Index.TotalSeconds:0.0} s); {DiskUse()} ({LoadAverage.Now()})"));
            }

            await LatencyAsync(app, queries, faults, ct);
        }

        // The index's writer lock and the database's pooled connections go with the services, so the app can open both.
        SqliteConnection.ClearAllPools();
        await FaultToHitAsync(faults, ct);
    }

    private async Task FaultToHitAsync(int faults, CancellationToken ct)
    {
        await using var app = new InProcessApp(dataPath);
        app.Start();
        using var client = new HttpClient { BaseAddress = app.Address };
        var load = new FaultLoad(client);
        await load.SignInAsync(ct);
        var suiteId = await load.SuiteAsync(ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scenario: fault to first search hit, the app on Kestrel at {app.Address} over the same data folder, " +
            $"{options.Hits} faults logged over HTTP one at a time ({options.Warmup} warm-up first, not counted), each " +
            $"with a word of its own, then GET /api/v1/search for that word every 5 ms until the fault comes back " +
            $"(cap {FaultToHit.Cap.TotalSeconds:0} s)"));
        var result = await new FaultToHit(client).RunAsync(suiteId, options.Warmup, options.Hits, ct);
        // Logged means committed: the 201. The time from sending adds the POST itself, shown beside it.
        var (logged, sent) = (result.FromCreated, result.FromSend);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fault to first search hit at {faults:N0} faults: p50 {logged.Percentile(50):0} ms, p95 {logged.Percentile(95):0} ms, " +
            $"p99 {logged.Percentile(99):0} ms from its 201; from sending the POST p50 {sent.Percentile(50):0} ms, " +
            $"p95 {sent.Percentile(95):0} ms; {result.Missed} missed the cap (counted at the cap); each poll took p50 " +
            $"{result.Polls.Percentile(50):0} ms ({result.Polls.Completed:N0} polls); goal 250 ms p95 " +
            $"{(logged.Percentile(95) <= 250 ? "met" : "not met")} ({LoadAverage.Now()})"));
    }

    private async Task LatencyAsync(AppServices app, OperatorQueries queries, int faults, CancellationToken ct)
    {
        var index = app.Services.GetRequiredService<ISearchIndex>();
        var latency = new SearchLatency(index, await ManagerAsync(app, ct));
        using var raw = RawLucene.Open(Path.Combine(app.Settings.DataPath, "index"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scenario: {queries.Searches.Count} operator queries from seed/relevance/queries.json, {options.WarmRounds} warm-up " +
            $"and {options.Rounds} measured rounds, through ISearchIndex.SearchAsync as a manager (page of 25, facets, " +
            $"snippets), and raw Lucene on the same index folder ({raw.Documents:N0} documents in {raw.Segments} segments): " +
            $"a BooleanQuery of TermQuery on the symptoms field, page of 25 with stored fields, rounds alternating"));
        var search = await latency.SearchAsync(queries.Searches, raw, options.WarmRounds, options.Rounds, ct);
        foreach (var p in new[] { 50, 95, 99 })
        {
            var (a, r) = (search.App.Percentile(p), search.Raw.Percentile(p));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"search p{p} at {faults:N0} faults: {a:0.0} ms (raw Lucene {r:0.0} ms, ratio {a / r:0.00})"));
        }

        var goalMet = search.App.Percentile(95) <= 2 * search.Raw.Percentile(95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {search.App.Count:N0} searches each; mean matches per query: app {search.AppMeanMatches:N0}, raw " +
            $"{search.RawMeanMatches:N0}; goal p95 within 2x raw: {(goalMet ? "met" : "not met")} ({LoadAverage.Now()})"));
        foreach (var (text, median) in search.App.Slowest(Slowest))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  slow search: {median:0.0} ms median (raw {search.Raw.Median(text):0.0} ms): \"{text}\""));
        }

        var typing = await latency.TypingAsync(queries.Typed, Math.Min(options.WarmRounds, 1), Math.Max(1, options.Rounds / 5), ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"suggestions while typing at {faults:N0} faults: p50 {typing.Percentile(50):0.0} ms, p95 " +
            $"{typing.Percentile(95):0.0} ms, p99 {typing.Percentile(99):0.0} ms ({typing.Count:N0} calls: " +
            $"{queries.Typed.Count} faults typed into the title, a call every 3 characters, with the suite's components; " +
            $"{LoadAverage.Now()})"));
        foreach (var (text, median) in typing.Slowest(Slowest))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  slow suggestion: {median:0.0} ms median: \"{text}\""));
        }
    }

    // An index an earlier build wrote is rebuilt first, as the app does at start, so the timings are the current layout's.
    private static async Task RebuildIfOlderAsync(AppServices app, CancellationToken ct)
    {
        var health = await app.Services.GetRequiredService<ISearchIndex>().HealthAsync(ct);
        if (!health.RebuildNeeded)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        await using var scope = app.Scope();
        var documents = await scope.ServiceProvider.GetRequiredService<IndexMaintenance>().RebuildAsync(new Progress<long>(), ct);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  the index was an earlier layout; rebuilt {documents:N0} documents in {elapsed.TotalSeconds:0.0} s " +
            $"({documents / elapsed.TotalSeconds:N0} docs/s; {LoadAverage.Now()})"));
    }

    private static async Task<int> FaultCountAsync(AppServices app, CancellationToken ct)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<TechSupportDbContext>().Faults.CountAsync(ct);
    }

    private static async Task<SearchAccess> ManagerAsync(AppServices app, CancellationToken ct)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        var id = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == ManagerEmail).Select(u => u.Id).SingleAsync(ct);
        // A manager sees Confidential by rank and is cleared for nothing, as the demo manager is.
        return new SearchAccess(id, ManagerRank: true, ClearedProductionIds: []);
    }

    private string DiskUse()
    {
        var index = Path.Combine(dataPath, "index");
        var database = Directory.EnumerateFiles(dataPath, "techsupport.db*").Sum(f => new FileInfo(f).Length);
        var search = Directory.Exists(index)
            ? Directory.EnumerateFiles(index, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
            : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"on disk: database {database / 1048576.0:N0} MB, index {search / 1048576.0:N0} MB");
    }
}
