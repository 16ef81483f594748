using System.CommandLine;
using Spectre.Console;
using TechSupport.Application.Outbox;
using TechSupport.Search;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Web.Cli;

// reindex and verify-index: rebuild or mend the search index from the database. Both stop before
// anything else when a running app holds the index (a second writer beside it corrupts it); against a
// damaged index, reindex rebuilds it (the damaged folder is moved aside) and verify-index says so.
public static class IndexCommands
{
    public static Command Reindex(WebApplication app, TechSupportSettings settings)
    {
        var command = new Command("reindex", "Rebuild the search index from the database; the live index is swapped only when complete.");
        command.SetAction((_, ct) => CommandLine.Run(app, async services =>
        {
            await RefuseWhileInUseAsync(services, ct);
            await DatabaseStartup.MigrateIfEmbeddedAsync(services, settings, ct);
            var maintenance = services.GetRequiredService<IndexMaintenance>();
            var total = await maintenance.CountAsync(ct);
            long indexed = 0;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("Indexing faults and articles", maxValue: Math.Max(total, 1));
                    indexed = await maintenance.RebuildAsync(new Progress<long>(done => task.Value = done), ct);
                    task.Value = task.MaxValue;
                });
            Console.WriteLine($"Reindexed {indexed:N0} documents; the new index is live.");
        }));
        return command;
    }

    public static Command VerifyIndex(WebApplication app, TechSupportSettings settings)
    {
        var fix = new Option<bool>("--fix") { Description = "Send missing and stale documents again and remove extra ones." };
        var command = new Command("verify-index", "Compare the search index with the database and report (or fix) drift.") { fix };
        command.SetAction((result, ct) => CommandLine.Run(app, async services =>
        {
            await RefuseWhileInUseAsync(services, ct);
            await DatabaseStartup.MigrateIfEmbeddedAsync(services, settings, ct);
            var maintenance = services.GetRequiredService<IndexMaintenance>();
            var drift = await maintenance.VerifyAsync(ct);
            Console.WriteLine($"{drift.Documents:N0} documents in the index: {drift.Missing.Count:N0} missing, " +
                $"{drift.Stale.Count:N0} stale, {drift.Extra.Count:N0} not in the database.");
            if (drift.InStep)
            {
                Console.WriteLine("The index is in step with the database.");
                return;
            }

            if (!result.GetValue(fix))
            {
                throw new IndexDriftException("The index has drifted from the database; run verify-index --fix or reindex.");
            }

            await maintenance.FixAsync(drift, ct);
            var after = await maintenance.VerifyAsync(ct);
            Console.WriteLine(after.InStep ? "Fixed: the index is in step with the database." : "Some drift remains; run reindex.");
        }));
        return command;
    }

    // The engine's own sentence names who holds the index and says to stop it; there is no route for
    // a running app to rebuild its index on request.
    private static async Task RefuseWhileInUseAsync(IServiceProvider services, CancellationToken ct)
    {
        var health = await services.GetRequiredService<ISearchIndex>().HealthAsync(ct);
        if (health.InUse)
        {
            throw new SearchUnavailableException(health.Description);
        }
    }
}

public sealed class IndexDriftException(string message) : Exception(message);
