namespace TechSupport.Search.Tests.Relevance;

// Indexes the set into an engine through the port only, runs every query as the app would, and
// scores the answers. Knows nothing of any adapter.
public sealed class RelevanceEvaluator(ISearchIndex index, RelevanceSet set, TimeProvider clock)
{
    // A manager sees Standard and Confidential without clearance and never Restricted (S2), so
    // the set's Restricted faults must never come back and its Confidential one may.
    private readonly SearchAccess _caller = new(RelevanceDocuments.CallerId, ManagerRank: true, ClearedProductionIds: []);

    public async Task<RelevanceReport> RunAsync(string engine, TimeSpan settle, CancellationToken ct)
    {
        var documents = set.Faults.Select(RelevanceDocuments.For).ToList();
        await index.IndexAsync(documents, ct);
        var visible = await SettleAsync(set.Faults.Count(f => !f.IsRestricted), settle, ct);

        var faultKeyOf = set.Faults.ToDictionary(f => RelevanceDocuments.DocumentKey(f.Key), f => f.Key, StringComparer.Ordinal);
        var outcomes = new List<QueryOutcome>(set.Queries.Count);
        foreach (var query in set.Queries)
        {
            var hits = await AskAsync(query, ct);
            outcomes.Add(QueryOutcome.Score(query, hits.Select(h => faultKeyOf.GetValueOrDefault(h.Key, h.Key)), set));
        }

        return new RelevanceReport(engine, set, outcomes, visible);
    }

    private async Task<IReadOnlyList<SearchHit>> AskAsync(RelevanceQuery query, CancellationToken ct)
    {
        if (query.Mode == RelevanceMode.Search)
        {
            var results = await index.SearchAsync(new SearchQuery
            {
                Access = _caller,
                Text = query.Text,
                Page = 1,
                PageSize = QueryOutcome.Depth,
            }, ct);
            return results.Hits;
        }

        return await index.SuggestAsync(new SuggestionQuery
        {
            Access = _caller,
            Title = query.Text,
            Symptoms = "",
            Components = [.. query.Components.Select(c => c.ToKey())],
            Limit = QueryOutcome.Depth,
        }, ct);
    }

    // Engines make new documents searchable after a refresh (Lucene's near-real-time reopen,
    // Elasticsearch's refresh interval), so wait until the count says they all are rather than
    // measuring a half-visible index. Polling real time is the only way to see an engine's refresh.
    private async Task<long> SettleAsync(int expected, TimeSpan settle, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        while (true)
        {
            var count = await index.CountAsync(_caller, DocumentKind.Fault, ct);
            if (count >= expected || clock.GetElapsedTime(started) >= settle)
            {
                return count;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), clock, ct);
        }
    }
}
