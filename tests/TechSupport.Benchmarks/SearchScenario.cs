using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TechSupport.Benchmarks;

// Scenario "search": import throughput, then search and suggestion latency at that size next to raw
// Lucene on the same index, then the time from a fault logged over HTTP to its first search hit.
public sealed class SearchScenario(BenchmarkOptions options, string dataPath)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var faults = options.SearchFaults;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scenario: import {faults:N0} generated faults (seed {options.Seed}) into a fresh data folder, bypassing HTTP, " +
            $"then index them with the outbox dispatcher; the app's services without its host, Lucene engine"));

        await using (var app = AppServices.Create(dataPath))
        {
            var import = new Import(app);
            await import.PrepareAsync(ct);
            var result = await import.RunAsync(faults, options.Seed, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import at {faults:N0} faults: database write {result.FaultsPerSecond:N0} faults/s " +
                $"({result.Write.TotalSeconds:0.0} s), indexing {result.DocumentsPerSecond:N0} docs/s " +
                $"({result.Documents:N0} docs in {result.Index.TotalSeconds:0.0} s); {DiskUse()} ({LoadAverage.Now()})"));
        }

        SqliteConnection.ClearAllPools();
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
