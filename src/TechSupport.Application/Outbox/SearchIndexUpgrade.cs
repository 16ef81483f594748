using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TechSupport.Search;

namespace TechSupport.Application.Outbox;

// At start, rebuilds a search index an older version wrote (its engine says so in its health), in
// the background: the old index keeps answering until the new one is complete and swapped in, and
// the outbox keeps feeding both meanwhile. Nothing to do, and nothing logged, when the index is current.
public sealed partial class SearchIndexUpgrade(IServiceScopeFactory scopes, ISearchIndex index, ILogger<SearchIndexUpgrade> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!(await index.HealthAsync(stoppingToken)).RebuildNeeded)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var maintenance = scope.ServiceProvider.GetRequiredService<IndexMaintenance>();
            var total = await maintenance.CountAsync(stoppingToken);
            Starting(logger, total);
            var done = await maintenance.RebuildAsync(new TenthsLogged(logger, total), stoppingToken);
            Finished(logger, done);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is SearchUnavailableException or InvalidOperationException)
        {
            // The engine went away, or someone started `reindex` first: either way the index stays as it was.
            Failed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning,
        Message = "The search index was written by an older version; rebuilding it from the database ({Total} documents). Search answers from the old index until then")]
    private static partial void Starting(ILogger logger, long total);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Rebuilding the search index: {Done} of {Total} documents")]
    private static partial void Progressed(ILogger logger, long done, long total);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "The rebuilt search index is live ({Done} documents)")]
    private static partial void Finished(ILogger logger, long done);

    [LoggerMessage(EventId = 23, Level = LogLevel.Error, Message = "The search index could not be rebuilt; run `reindex` once the engine is back")]
    private static partial void Failed(ILogger logger, Exception ex);

    private sealed class TenthsLogged(ILogger logger, long total) : IProgress<long>
    {
        private long nextReport = Math.Max(1, total / 10);

        public void Report(long value)
        {
            if (value >= nextReport)
            {
                Progressed(logger, value, total);
                nextReport = value + Math.Max(1, total / 10);
            }
        }
    }
}
