using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;
using TechSupport.Domain;
using TechSupport.Search;

namespace TechSupport.Application.Outbox;

// Builds search documents from the database, the source of truth: the dispatcher, reindex and
// verify-index all read through here, so the index always holds the same shape.
public sealed class SearchProjection(TechSupportDbContext db)
{
    public async Task<IReadOnlyList<SearchDocument>> FaultsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var faults = await db.Faults.AsNoTracking().AsSplitQuery()
            .Include(f => f.Suite).Include(f => f.Equipment).Include(f => f.Production).Include(f => f.Workarounds)
            .Where(f => ids.Contains(f.Id)).ToListAsync(ct);
        return await BuildAsync(faults, ct);
    }

    public async Task<IReadOnlyList<SearchDocument>> ArticlesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var articles = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        var sourceIds = articles.Select(a => a.SourceFaultId).OfType<Guid>().ToArray();
        var sources = await db.Faults.AsNoTracking().Where(f => sourceIds.Contains(f.Id))
            .Select(f => new { f.Id, f.ConfigurationRevisionId, f.SuiteId, SuiteName = f.Suite!.Name, f.Category })
            .ToDictionaryAsync(f => f.Id, ct);
        var revisionIds = sources.Values.Select(s => s.ConfigurationRevisionId).OfType<Guid>().ToArray();
        var components = await ComponentsAsync(revisionIds, ct);
        return articles.Select(a =>
        {
            var source = a.SourceFaultId is { } id ? sources.GetValueOrDefault(id) : null;
            return new SearchDocument
            {
                Key = SearchKeys.For(DocumentKind.Article, a.Id),
                Kind = DocumentKind.Article,
                Id = a.Id,
                Version = a.Version,
                Title = a.Title,
                Text = a.Symptoms,
                RootCause = a.Cause,
                Fix = a.Fix,
                Workaround = a.Workaround,
                WorkaroundAcceptability = a.WorkaroundAcceptability?.ToString(),
                WorkaroundConditions = a.WorkaroundConditions,
                Comments = a.AppliesTo,
                SuiteId = source?.SuiteId,
                SuiteName = source?.SuiteName,
                Category = source?.Category.ToString(),
                Status = "Published",
                Components = source?.ConfigurationRevisionId is { } r ? components.GetValueOrDefault(r, []) : [],
                Access = new DocumentAccess(a.Classification.ToString(), a.ProductionId, a.AuthorId, false),
                CreatedAt = a.CreatedAt,
                HasFix = true,
            };
        }).ToList();
    }

    // Every fault, oldest first, in pages of documents, for reindex and verify-index.
    public async IAsyncEnumerable<IReadOnlyList<SearchDocument>> AllFaultsAsync(int batchSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var after = 0;
        while (true)
        {
            var ids = await db.Faults.AsNoTracking().Where(f => f.Number > after).OrderBy(f => f.Number).Take(batchSize)
                .Select(f => new { f.Id, f.Number }).ToListAsync(ct);
            if (ids.Count == 0)
            {
                yield break;
            }

            after = ids[^1].Number;
            yield return await FaultsAsync(ids.Select(i => i.Id).ToArray(), ct);
            db.ChangeTracker.Clear();
        }
    }

    public async IAsyncEnumerable<IReadOnlyList<SearchDocument>> AllArticlesAsync(int batchSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var all = await db.Articles.AsNoTracking().OrderBy(a => a.CreatedAt).Select(a => a.Id).ToListAsync(ct);
        foreach (var chunk in all.Chunk(batchSize))
        {
            yield return await ArticlesAsync(chunk, ct);
        }
    }

    private async Task<IReadOnlyList<SearchDocument>> BuildAsync(List<Fault> faults, CancellationToken ct)
    {
        var faultIds = faults.Select(f => f.Id).ToArray();
        var comments = (await db.FaultEvents.AsNoTracking()
                .Where(e => faultIds.Contains(e.FaultId) && e.Kind == FaultEventKind.Comment)
                .OrderBy(e => e.Sequence).Select(e => new { e.FaultId, e.Text }).ToListAsync(ct))
            .GroupBy(e => e.FaultId).ToDictionary(g => g.Key, g => string.Join("\n", g.Select(e => e.Text)));
        var components = await ComponentsAsync(faults.Select(f => f.ConfigurationRevisionId).OfType<Guid>().ToArray(), ct);

        return faults.Select(f =>
        {
            var workaround = f.Workarounds.OrderBy(w => w.AppliedAt).LastOrDefault();
            var equipment = new List<string>();
            if (f.Equipment is { } item)
            {
                equipment.Add(item.Name);
            }
            else if (f.EquipmentText is { } text)
            {
                equipment.Add(text);
            }

            var keys = f.ConfigurationRevisionId is { } r ? components.GetValueOrDefault(r, []).ToList() : [];
            if (f.Equipment is { } chosen)
            {
                keys.Add(new ComponentKey(chosen.Name, chosen.Firmware ?? ""));
            }

            return new SearchDocument
            {
                Key = SearchKeys.For(DocumentKind.Fault, f.Id),
                Kind = DocumentKind.Fault,
                Id = f.Id,
                Version = f.Version,
                Title = f.Title,
                Number = f.Reference,
                Text = f.Symptoms,
                Fix = f.Resolution?.Fix,
                RootCause = f.Resolution?.RootCause,
                Workaround = workaround?.Description,
                WorkaroundAcceptability = workaround?.Acceptability.ToString(),
                WorkaroundConditions = workaround?.Conditions,
                Comments = comments.GetValueOrDefault(f.Id),
                SuiteId = f.SuiteId,
                SuiteName = f.Suite?.Name,
                Category = f.Category.ToString(),
                Status = f.Status.ToString(),
                Stage = f.WorkflowStage?.ToString(),
                Severity = f.Severity.ToString(),
                Equipment = equipment,
                Components = keys,
                Access = new DocumentAccess(f.Classification.ToString(), f.ProductionId, f.ReportedById, f.SecurityIncident),
                CreatedAt = f.CreatedAt,
                HasFix = f.Resolution is not null,
            };
        }).ToList();
    }

    public async Task<Dictionary<Guid, IReadOnlyList<ComponentKey>>> ComponentsAsync(Guid[] revisionIds, CancellationToken ct)
    {
        if (revisionIds.Length == 0)
        {
            return [];
        }

        var revisions = await db.ConfigurationRevisions.AsNoTracking().Where(r => revisionIds.Contains(r.Id)).ToListAsync(ct);
        return revisions.ToDictionary(r => r.Id,
            r => (IReadOnlyList<ComponentKey>)r.Components.Select(c => new ComponentKey(c.Product, c.Version)).ToList());
    }
}
