using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TechSupport.Search;

namespace TechSupport.Application.Outbox;

// Keeps the search index whole without anyone's help. At start, every half minute (on TimeProvider) and
// at once when a write fails, it asks the engine: an index the engine says needs rebuilding (an older
// version wrote it; it was lost, deleted or damaged), or, at start, one that is empty while the database
// is not, is rebuilt from the database in the background. The app answers meanwhile: from the old index
// when it is only old, from the database (degraded) when it cannot answer for everything. A rebuild
// that fails (the engine went away) is tried again at the next round.
public sealed partial class SearchIndexRecovery(
    IServiceScopeFactory scopes,
    ISearchIndex index,
    SearchIndexStatus status,
    TimeProvider clock,
    ILogger<SearchIndexRecovery> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private bool emptyChecked;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                CheckFailed(logger, ex);
            }

            using var timer = new CancellationTokenSource(Interval, clock);
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token);
            try
            {
                await status.WaitForRecoveryWantedAsync(wake.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The round's time has come.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // One look at the index, and the rebuild it needs, if any.
    public async Task CheckAsync(CancellationToken ct)
    {
        var health = await index.HealthAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        var maintenance = scope.ServiceProvider.GetRequiredService<IndexMaintenance>();
        if (health.RebuildNeeded)
        {
            await RebuildAsync(maintenance, replacing: !health.Healthy, health.Description, ct);
        }
        else if (!emptyChecked && health.Healthy)
        {
            if (await maintenance.EmptyWhileDatabaseIsNotAsync(ct))
            {
                await RebuildAsync(maintenance, replacing: true, "The search index is empty while the database is not.", ct);
            }
            else
            {
                emptyChecked = true;
            }
        }
    }

    private async Task RebuildAsync(IndexMaintenance maintenance, bool replacing, string reason, CancellationToken ct)
    {
        var total = await maintenance.CountAsync(ct);
        Starting(logger, total, reason);
        status.RebuildStarted(total, replacing);
        try
        {
            var done = await maintenance.RebuildAsync(new Reported(status, logger, total), ct);
            emptyChecked = true;
            Finished(logger, done);
        }
        catch (Exception ex) when (ex is SearchUnavailableException or InvalidOperationException)
        {
            // The engine went away, or a rebuild is under way already: the next round tries again.
            Failed(logger, ex);
        }
        finally
        {
            status.RebuildEnded();
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning,
        Message = "Rebuilding the search index from the database ({Total} documents): {Reason}")]
    private static partial void Starting(ILogger logger, long total, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Rebuilding the search index: {Done} of {Total} documents")]
    private static partial void Progressed(ILogger logger, long done, long total);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "The rebuilt search index is live ({Done} documents)")]
    private static partial void Finished(ILogger logger, long done);

    [LoggerMessage(EventId = 23, Level = LogLevel.Error, Message = "The search index could not be rebuilt; it is tried again shortly")]
    private static partial void Failed(ILogger logger, Exception ex);

    [LoggerMessage(EventId = 24, Level = LogLevel.Error, Message = "Checking the search index failed")]
    private static partial void CheckFailed(ILogger logger, Exception ex);

    // Progress for health at every batch, and in the log at every tenth.
    private sealed class Reported(SearchIndexStatus status, ILogger logger, long total) : IProgress<long>
    {
        private long nextReport = Math.Max(1, total / 10);

        public void Report(long value)
        {
            status.RebuildProgressed(value);
            if (value >= nextReport)
            {
                Progressed(logger, value, total);
                nextReport = value + Math.Max(1, total / 10);
            }
        }
    }
}
