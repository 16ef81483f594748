using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TechSupport.Benchmarks;

// Scenario "log": operators logging faults over HTTP, next to the same rows written straight to SQLite.
public sealed class LogScenario(BenchmarkOptions options, string scratch)
{
    public async Task RunAsync(CancellationToken ct)
    {
        InProcessApp? app = null;
        try
        {
            Uri address;
            if (options.Url is { } url)
            {
                address = url;
                Console.WriteLine($"app: running at {url} (its own process and settings)");
            }
            else
            {
                app = new InProcessApp();
                app.Start();
                address = app.Address;
                Console.WriteLine($"app: in this process on Kestrel at {address} (Development, demo data, " +
                    "password hash 1,000 iterations, log level Warning, client and server share the CPUs)");
            }

            using var client = new HttpClient { BaseAddress = address };
            var load = new FaultLoad(client);
            await load.SignInAsync(ct);
            var suiteId = await load.SuiteAsync(ct);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scenario: log faults over HTTP, {options.LogFaults:N0} faults, concurrency {options.Concurrency}, " +
                $"limit {options.Limit.TotalSeconds:0} s, {options.Warmup} warm-up faults first (not counted)"));
            await load.WarmUpAsync(suiteId, options.Warmup, ct);
            var http = await load.RunAsync(suiteId, options.LogFaults, options.Concurrency, options.Limit, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {http.Completed:N0} logged, {http.Failed:N0} failed in {http.Elapsed.TotalSeconds:0.00} s: " +
                $"{http.PerSecond:0.0} faults/s; latency p50 {http.Percentile(50):0.0} ms, " +
                $"p95 {http.Percentile(95):0.0} ms, p99 {http.Percentile(99):0.0} ms"));
            if (load.FirstError is { } error)
            {
                Console.WriteLine($"  first failure: {error}");
            }

            if (http.Completed == 0)
            {
                throw new InvalidOperationException("no fault was logged, so there is nothing to compare.");
            }

            var table = app is not null
                ? await FaultsTable.ReadAsync(app.DatabaseFile, ct)
                : await FaultsTable.FromMigrationsAsync(Path.Combine(scratch, "schema.db"), ct);
            var raw = await new RawSqliteBaseline(table).RunAsync(Path.Combine(scratch, "raw.db"), http.Completed,
                options.Warmup, options.Limit, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scenario: raw SQLite baseline, the Faults table's {table.Columns.Count} columns and " +
                $"{table.IndexSql.Count} indexes, WAL + synchronous=FULL, one transaction per row, one writer"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {raw.Completed:N0} rows in {raw.Elapsed.TotalSeconds:0.00} s: {raw.PerSecond:0.0} rows/s; " +
                $"latency p50 {raw.Percentile(50):0.00} ms, p95 {raw.Percentile(95):0.00} ms, p99 {raw.Percentile(99):0.00} ms"));

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio: app {http.PerSecond:0.0} faults/s vs raw SQLite {raw.PerSecond:0.0} rows/s = " +
                $"{http.PerSecond / raw.PerSecond:0.000} ({LoadAverage.Now()})"));
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }
}
