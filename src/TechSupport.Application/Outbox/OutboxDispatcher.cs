using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TechSupport.Application.Data;
using TechSupport.Search;

namespace TechSupport.Application.Outbox;

// Feeds the search index from the outbox: in batches, idempotent (documents carry their row
// version, so a replay or an out-of-order batch never puts an older state back), retrying with
// back-off while the engine is down. Rows survive restarts because they live in the database.
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    ISearchIndex index,
    OutboxSignal signal,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public const int BatchSize = 500;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchOnceAsync(stoppingToken) == BatchSize)
                {
                    // A full batch: there is more waiting, go again at once.
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                DispatchFailed(logger, ex);
            }

            try
            {
                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // One batch of due rows; answers how many rows it took.
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        var now = clock.GetUtcNow();
        var due = await db.Outbox.AsNoTracking().Where(m => m.NextAttemptAt <= now).OrderBy(m => m.Id).Take(BatchSize)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        try
        {
            var projection = scope.ServiceProvider.GetRequiredService<SearchProjection>();
            var faults = due.Where(m => m.Kind == SearchChanges.Fault).Select(m => m.EntityId).Distinct().ToArray();
            var articles = due.Where(m => m.Kind == SearchChanges.Article).Select(m => m.EntityId).Distinct().ToArray();
            var documents = new List<SearchDocument>();
            if (faults.Length > 0)
            {
                documents.AddRange(await projection.FaultsAsync(faults, ct));
            }

            if (articles.Length > 0)
            {
                var found = await projection.ArticlesAsync(articles, ct);
                documents.AddRange(found);
                foreach (var gone in due.Where(m => m.Kind == SearchChanges.Article && found.All(d => d.Id != m.EntityId)))
                {
                    await index.DeleteAsync(SearchKeys.For(DocumentKind.Article, gone.EntityId), gone.Version, ct);
                }
            }

            if (documents.Count > 0)
            {
                await index.IndexAsync(documents, ct);
            }

            var ids = due.Select(m => m.Id).ToArray();
            await db.Outbox.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(ct);
            Dispatched(logger, due.Count, documents.Count);
            return due.Count;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await PostponeAsync(db, due, ex, now, ct);
            return 0;
        }
    }

    private async Task PostponeAsync(TechSupportDbContext db, List<OutboxMessage> due, Exception ex, DateTimeOffset now,
        CancellationToken ct)
    {
        var attempts = due.Max(m => m.Attempts) + 1;
        // Exponential back-off from 1 s, capped, so a long outage costs one probe every few minutes.
        var wait = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts - 1), MaxBackOff.TotalSeconds));
        var error = ex.Message.Length > 1_000 ? ex.Message[..1_000] : ex.Message;
        var ids = due.Select(m => m.Id).ToArray();
        await db.Outbox.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.NextAttemptAt, now + wait)
            .SetProperty(m => m.LastError, error), ct);
        Postponed(logger, due.Count, attempts, wait.TotalSeconds, ex.GetType().Name);
    }

    [LoggerMessage(LogLevel.Debug, "Indexed {Documents} documents for {Rows} outbox rows")]
    private static partial void Dispatched(ILogger logger, int rows, int documents);

    [LoggerMessage(LogLevel.Warning, "Search index unavailable: {Rows} outbox rows wait (attempt {Attempt}, next in {Seconds} s): {Error}")]
    private static partial void Postponed(ILogger logger, int rows, int attempt, double seconds, string error);

    [LoggerMessage(LogLevel.Error, "The outbox dispatcher failed")]
    private static partial void DispatchFailed(ILogger logger, Exception exception);
}
