using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;
using TechSupport.Search;

namespace TechSupport.Application.Outbox;

public sealed record IndexDrift(long Documents, IReadOnlyList<string> Missing, IReadOnlyList<string> Stale,
    IReadOnlyList<(string Key, long Version)> Extra)
{
    public bool InStep => Missing.Count == 0 && Stale.Count == 0 && Extra.Count == 0;
}

// reindex and verify-index: the database is the source of truth and the index is rebuilt or
// mended from it.
public sealed class IndexMaintenance(ISearchIndex index, SearchProjection projection, TechSupportDbContext db, TimeProvider clock)
{
    public const int BatchSize = 1_000;

    public async Task<long> CountAsync(CancellationToken ct) =>
        await db.Faults.LongCountAsync(ct) + await db.Articles.LongCountAsync(ct);

    // Builds a fresh index beside the live one and swaps only when it is complete; changes made
    // while it ran are indexed again afterwards (versions make that harmless).
    public async Task<long> RebuildAsync(IProgress<long> progress, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        long done = 0;
        await using (var rebuild = await index.BeginRebuildAsync(ct))
        {
            await foreach (var batch in projection.AllFaultsAsync(BatchSize, ct))
            {
                await rebuild.AddAsync(batch, ct);
                progress.Report(done += batch.Count);
            }

            await foreach (var batch in projection.AllArticlesAsync(BatchSize, ct))
            {
                await rebuild.AddAsync(batch, ct);
                progress.Report(done += batch.Count);
            }

            await rebuild.CommitAsync(ct);
        }

        var changedFaults = await db.Faults.AsNoTracking().Where(f => f.UpdatedAt >= started).Select(f => f.Id).ToArrayAsync(ct);
        var changedArticles = await db.Articles.AsNoTracking().Where(a => a.UpdatedAt >= started).Select(a => a.Id).ToArrayAsync(ct);
        foreach (var chunk in changedFaults.Chunk(BatchSize))
        {
            await index.IndexAsync(await projection.FaultsAsync(chunk, ct), ct);
        }

        if (changedArticles.Length > 0)
        {
            await index.IndexAsync(await projection.ArticlesAsync(changedArticles, ct), ct);
        }

        // A change set aside before the rebuild began is in the new index now, read from the database.
        await db.Outbox.Where(m => m.NextAttemptAt == OutboxDispatcher.ParkedUntil && m.EnqueuedAt < started).ExecuteDeleteAsync(ct);
        return done;
    }

    // An index with nothing in it while the database holds faults or articles that the outbox is not
    // about to send (a new database being seeded fills the index through the outbox): the index folder
    // was lost while the app was stopped, say.
    public async Task<bool> EmptyWhileDatabaseIsNotAsync(CancellationToken ct)
    {
        await foreach (var _ in index.VersionsAsync(ct))
        {
            return false;
        }

        var records = await CountAsync(ct);
        return records > 0 && records > await db.Outbox.LongCountAsync(ct);
    }

    public async Task<IndexDrift> VerifyAsync(CancellationToken ct)
    {
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var fault in await db.Faults.AsNoTracking().Select(f => new { f.Id, f.Version }).ToListAsync(ct))
        {
            expected[SearchKeys.For(DocumentKind.Fault, fault.Id)] = fault.Version;
        }

        foreach (var article in await db.Articles.AsNoTracking().Select(a => new { a.Id, a.Version }).ToListAsync(ct))
        {
            expected[SearchKeys.For(DocumentKind.Article, article.Id)] = article.Version;
        }

        var stale = new List<string>();
        var extra = new List<(string Key, long Version)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long documents = 0;
        await foreach (var (key, version) in index.VersionsAsync(ct))
        {
            documents++;
            seen.Add(key);
            if (!expected.TryGetValue(key, out var wanted))
            {
                extra.Add((key, version));
            }
            else if (version < wanted)
            {
                stale.Add(key);
            }
        }

        var missing = expected.Keys.Where(k => !seen.Contains(k)).ToList();
        return new IndexDrift(documents, missing, stale, extra);
    }

    // Sends the missing and stale documents again and removes the ones the database no longer has.
    public async Task FixAsync(IndexDrift drift, CancellationToken ct)
    {
        var resend = drift.Missing.Concat(drift.Stale).ToList();
        var faults = resend.Where(k => k.StartsWith("fault-", StringComparison.Ordinal)).Select(k => Guid.Parse(k["fault-".Length..]));
        var articles = resend.Where(k => k.StartsWith("article-", StringComparison.Ordinal)).Select(k => Guid.Parse(k["article-".Length..]));
        foreach (var chunk in faults.Chunk(BatchSize))
        {
            await index.IndexAsync(await projection.FaultsAsync(chunk, ct), ct);
        }

        foreach (var chunk in articles.Chunk(BatchSize))
        {
            await index.IndexAsync(await projection.ArticlesAsync(chunk, ct), ct);
        }

        foreach (var (key, version) in drift.Extra)
        {
            await index.DeleteAsync(key, version + 1, ct);
        }
    }
}
