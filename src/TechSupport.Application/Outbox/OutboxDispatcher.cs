using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TechSupport.Application.Data;
using TechSupport.Search;

namespace TechSupport.Application.Outbox;

// Feeds the search index from the outbox: in batches, idempotent (documents carry their row
// version, so a replay or an out-of-order batch never puts an older state back). Rows survive
// restarts because they live in the database, and a row leaves the outbox only once the engine took it.
// A batch the engine cannot take waits and is tried again, 1 s doubling to 30 s (on TimeProvider), with
// search marked degraded until one goes through; a batch the engine refuses is split until the refused
// change is alone, so one bad record never holds up the rest, and a change refused ParkAfter times is
// set aside (reported in health) instead of being tried for ever.
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    ISearchIndex index,
    OutboxSignal signal,
    SearchIndexStatus status,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public const int BatchSize = 500;
    public const int ParkAfter = 5;

    // A parked row is due at no time; reindex, which indexes its record from the database, removes it.
    public static readonly DateTimeOffset ParkedUntil = DateTimeOffset.MaxValue;

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(30);

    // One round at a time, whether the loop or a caller of DispatchOnceAsync runs it.
    private readonly SemaphoreSlim turn = new(1, 1);

    // Rounds in a row the engine could not take; the back-off grows with them, not with each row's age.
    private int outages;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ReportParkedAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DispatchFailed(logger, ex);
        }

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

    // One batch of due rows; answers how many rows it took (sent, or refused and postponed), and 0
    // when the engine could not take them.
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        await turn.WaitAsync(ct);
        try
        {
            return await DispatchDueAsync(ct);
        }
        finally
        {
            turn.Release();
        }
    }

    public override void Dispose()
    {
        turn.Dispose();
        base.Dispose();
    }

    private async Task<int> DispatchDueAsync(CancellationToken ct)
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

        var projection = scope.ServiceProvider.GetRequiredService<SearchProjection>();
        var round = new Round();
        try
        {
            await SendAsync(db, projection, due, round, ct);
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            outages++;
            var wait = BackOff(outages);
            var waiting = due.Where(m => !round.Sent.Contains(m.Id)).ToList();
            var reason = Describe(ex);
            await PostponeAsync(db, waiting, now + wait, reason, ct);
            status.WriteFailed(reason);
            Postponed(logger, waiting.Count, outages, wait.TotalSeconds, reason);
            return 0;
        }

        outages = 0;
        status.WriteSucceeded();
        if (round.Refused.Count > 0)
        {
            await StrikeAsync(db, round.Refused, now, ct);
        }

        return due.Count;
    }

    // Sends the rows; a refusal splits them in halves until the refused row is alone. An outage ends
    // the round at once, with what was sent already out of the outbox.
    private async Task SendAsync(TechSupportDbContext db, SearchProjection projection, List<OutboxMessage> rows, Round round,
        CancellationToken ct)
    {
        try
        {
            await WriteAsync(projection, rows, ct);
        }
        catch (Exception ex) when (!IsOutage(ex) && ex is not OperationCanceledException)
        {
            if (rows.Count == 1)
            {
                round.Refused.Add((rows[0], ex));
                return;
            }

            var half = rows.Count / 2;
            await SendAsync(db, projection, rows[..half], round, ct);
            await SendAsync(db, projection, rows[half..], round, ct);
            return;
        }

        var ids = rows.Select(m => m.Id).ToArray();
        await db.Outbox.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(ct);
        round.Sent.UnionWith(ids);
    }

    private async Task WriteAsync(SearchProjection projection, List<OutboxMessage> rows, CancellationToken ct)
    {
        var faults = rows.Where(m => m.Kind == SearchChanges.Fault).Select(m => m.EntityId).Distinct().ToArray();
        var articles = rows.Where(m => m.Kind == SearchChanges.Article).Select(m => m.EntityId).Distinct().ToArray();
        var documents = new List<SearchDocument>();
        if (faults.Length > 0)
        {
            documents.AddRange(await projection.FaultsAsync(faults, ct));
        }

        if (articles.Length > 0)
        {
            var found = await projection.ArticlesAsync(articles, ct);
            documents.AddRange(found);
            foreach (var gone in rows.Where(m => m.Kind == SearchChanges.Article && found.All(d => d.Id != m.EntityId)))
            {
                await index.DeleteAsync(SearchKeys.For(DocumentKind.Article, gone.EntityId), gone.Version, ct);
            }
        }

        if (documents.Count > 0)
        {
            await index.IndexAsync(documents, ct);
        }

        Dispatched(logger, rows.Count, documents.Count);
    }

    // The engine could not be reached or failed: nobody's fault, so nobody's attempts are counted.
    private static async Task PostponeAsync(TechSupportDbContext db, List<OutboxMessage> rows, DateTimeOffset next, string reason,
        CancellationToken ct)
    {
        var ids = rows.Select(m => m.Id).ToArray();
        await db.Outbox.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, reason), ct);
    }

    // The engine refused each of these rows on its own while it took others.
    private async Task StrikeAsync(TechSupportDbContext db, List<(OutboxMessage Row, Exception Error)> refused, DateTimeOffset now,
        CancellationToken ct)
    {
        var parked = false;
        foreach (var (row, error) in refused)
        {
            var attempts = row.Attempts + 1;
            var park = attempts >= ParkAfter;
            var next = park ? ParkedUntil : now + BackOff(attempts);
            var reason = Describe(error);
            await db.Outbox.Where(m => m.Id == row.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, reason), ct);
            if (park)
            {
                Parked(logger, row.Kind, row.EntityId, attempts, reason);
                parked = true;
            }
            else
            {
                Refused(logger, row.Kind, row.EntityId, attempts, reason);
            }
        }

        if (parked)
        {
            await ReportParkedAsync(db, ct);
        }
    }

    private async Task ReportParkedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await ReportParkedAsync(scope.ServiceProvider.GetRequiredService<TechSupportDbContext>(), ct);
    }

    private async Task ReportParkedAsync(TechSupportDbContext db, CancellationToken ct)
    {
        var parked = db.Outbox.AsNoTracking().Where(m => m.NextAttemptAt == ParkedUntil);
        var count = await parked.CountAsync(ct);
        var last = count == 0 ? null : await parked.OrderByDescending(m => m.Id).Select(m => m.LastError).FirstOrDefaultAsync(ct);
        status.Parked(count, last);
    }

    private static TimeSpan BackOff(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(attempt, 30) - 1), MaxBackOff.TotalSeconds));

    // A database that fails, or an engine that cannot be reached or failed: a later attempt may succeed.
    // Anything else the engine or the projection throws is taken as this batch's own fault.
    private static bool IsOutage(Exception ex) => ex switch
    {
        SearchUnavailableException unavailable => !unavailable.Refused,
        DbException or IOException or TimeoutException or HttpRequestException => true,
        _ => false,
    };

    // Kept and shown (health is anonymous): the port's own sentences, or only the kind of failure,
    // since another library's message may quote the document.
    private static string Describe(Exception ex) => ex switch
    {
        SearchUnavailableException => ex.Message,
        DbException => "The database could not be read or written.",
        _ => $"{ex.GetType().Name} while indexing.",
    };

    private sealed class Round
    {
        public HashSet<long> Sent { get; } = [];

        public List<(OutboxMessage Row, Exception Error)> Refused { get; } = [];
    }

    [LoggerMessage(LogLevel.Debug, "Indexed {Documents} documents for {Rows} outbox rows")]
    private static partial void Dispatched(ILogger logger, int rows, int documents);

    [LoggerMessage(LogLevel.Warning, "Search index unavailable: {Rows} outbox rows wait (failure {Attempt} in a row, next in {Seconds} s): {Error}")]
    private static partial void Postponed(ILogger logger, int rows, int attempt, double seconds, string error);

    [LoggerMessage(LogLevel.Warning, "The search index refused the {Kind} {EntityId} (attempt {Attempt}): {Error}")]
    private static partial void Refused(ILogger logger, string kind, Guid entityId, int attempt, string error);

    [LoggerMessage(LogLevel.Error, "The search index refused the {Kind} {EntityId} {Attempt} times; it is set aside until a reindex: {Error}")]
    private static partial void Parked(ILogger logger, string kind, Guid entityId, int attempt, string error);

    [LoggerMessage(LogLevel.Error, "The outbox dispatcher failed")]
    private static partial void DispatchFailed(ILogger logger, Exception exception);
}
