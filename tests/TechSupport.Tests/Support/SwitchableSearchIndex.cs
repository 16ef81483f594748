using TechSupport.Search;

namespace TechSupport.Tests.Support;

// The real engine behind a switch, so a test can take search down and bring it back (the engine
// being unreachable is the one thing the embedded Lucene cannot do by itself).
public sealed class SwitchableSearchIndex(ISearchIndex inner) : ISearchIndex
{
    public bool Down { get; set; }

    private T Up<T>(Func<T> call) => Down ? throw new SearchUnavailableException("The search engine is switched off.") : call();

    public Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct) => Up(() => inner.IndexAsync(documents, ct));
    public Task DeleteAsync(string key, long version, CancellationToken ct) => Up(() => inner.DeleteAsync(key, version, ct));
    public Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct) => Up(() => inner.SearchAsync(query, ct));
    public Task<IReadOnlyList<SearchHit>> SuggestAsync(SuggestionQuery query, CancellationToken ct) => Up(() => inner.SuggestAsync(query, ct));
    public Task<IReadOnlyList<SearchHit>> SimilarAsync(SimilarQuery query, CancellationToken ct) => Up(() => inner.SimilarAsync(query, ct));
    public Task<long> CountAsync(SearchAccess access, DocumentKind? kind, CancellationToken ct) => Up(() => inner.CountAsync(access, kind, ct));
    public IAsyncEnumerable<(string Key, long Version)> VersionsAsync(CancellationToken ct) => Up(() => inner.VersionsAsync(ct));
    public Task<IIndexRebuild> BeginRebuildAsync(CancellationToken ct) => Up(() => inner.BeginRebuildAsync(ct));

    public Task<SearchHealth> HealthAsync(CancellationToken ct) =>
        Down ? Task.FromResult(new SearchHealth(false, "The search engine is switched off.")) : inner.HealthAsync(ct);
}
