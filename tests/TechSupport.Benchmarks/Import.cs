using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Data;
using TechSupport.Application.Outbox;
using TechSupport.Application.Seeding;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Benchmarks;

public sealed record ImportResult(int Faults, TimeSpan Write, long Documents, TimeSpan Index)
{
    public double FaultsPerSecond => Faults / Write.TotalSeconds;

    public double DocumentsPerSecond => Documents / Index.TotalSeconds;
}

// Import throughput: generated faults written as `seed --faults N` writes them (batches of a thousand,
// bypassing HTTP), then indexed as the running app indexes them, by the outbox dispatcher in its batches.
public sealed class Import(AppServices app)
{
    public async Task PrepareAsync(CancellationToken ct)
    {
        await DatabaseStartup.PrepareAsync(app.Services, app.Settings, app.Logger, ct);
        // The demo facility's own faults are indexed before the clock starts.
        await DrainAsync(null, ct);
    }

    public async Task<ImportResult> RunAsync(int faults, int seed, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().AppendFaultsAsync(faults, seed, ct);
        }

        var write = Stopwatch.GetElapsedTime(started);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  wrote {faults:N0} faults in {write.TotalSeconds:0.0} s; indexing ({LoadAverage.Now()})"));

        started = Stopwatch.GetTimestamp();
        var documents = await DrainAsync(faults, ct);
        return new ImportResult(faults, write, documents, Stopwatch.GetElapsedTime(started));
    }

    // Runs the dispatcher's batches until the outbox is empty; answers how many rows it indexed.
    private async Task<long> DrainAsync(int? expected, CancellationToken ct)
    {
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        long done = 0;
        var step = Math.Max(OutboxDispatcher.BatchSize, (expected ?? 0) / 5);
        var nextReport = expected is null ? long.MaxValue : step;
        int taken;
        while ((taken = await dispatcher.DispatchOnceAsync(ct)) > 0)
        {
            done += taken;
            if (done >= nextReport)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    indexed {done:N0} of {expected:N0} ({LoadAverage.Now()})"));
                nextReport += step;
            }
        }

        // The dispatcher postpones a batch the engine refused and answers 0, as if the outbox were empty.
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        var waiting = await db.Outbox.LongCountAsync(ct);
        if (waiting > 0)
        {
            var error = await db.Outbox.AsNoTracking().OrderBy(m => m.Id).Select(m => m.LastError).FirstOrDefaultAsync(ct);
            throw new InvalidOperationException(
                $"{waiting:N0} outbox rows were not indexed; the first error: {error ?? "none recorded"}");
        }

        return done;
    }
}
