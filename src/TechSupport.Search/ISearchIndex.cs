namespace TechSupport.Search;

/// <summary>
/// The search engine port, with a Lucene adapter (embedded default) and an Elasticsearch adapter
/// (production). The database is the source of truth; the index is rebuilt from it at will.
/// Every read takes a <see cref="SearchAccess"/> and applies the security rules inside the engine's
/// query, before paging and counting.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Adds or replaces documents; a document older than the stored version of its key is ignored.</summary>
    Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct);

    /// <summary>Removes documents by key, unless the stored version is newer than <paramref name="version"/>.</summary>
    Task DeleteAsync(string key, long version, CancellationToken ct);

    /// <summary>Ranked (or, with no text, newest-first) hits with facet counts.</summary>
    Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct);

    /// <summary>Fixes worth trying for what an operator is typing.</summary>
    Task<IReadOnlyList<SearchHit>> SuggestAsync(SuggestionQuery query, CancellationToken ct);

    /// <summary>Documents like the given one; empty when it is unknown or not visible to the caller.</summary>
    Task<IReadOnlyList<SearchHit>> SimilarAsync(SimilarQuery query, CancellationToken ct);

    /// <summary>How many documents of the kind (all when null) the caller may see.</summary>
    Task<long> CountAsync(SearchAccess access, DocumentKind? kind, CancellationToken ct);

    /// <summary>Every stored key with its version, for comparing the index with the database.</summary>
    IAsyncEnumerable<(string Key, long Version)> VersionsAsync(CancellationToken ct);

    /// <summary>Starts a rebuild into a fresh index that replaces the live one only when committed.</summary>
    Task<IIndexRebuild> BeginRebuildAsync(CancellationToken ct);

    /// <summary>Whether the engine answers, and whether the index needs rebuilding.</summary>
    Task<SearchHealth> HealthAsync(CancellationToken ct);
}

/// <summary>A rebuild in progress: documents go to a new index that nobody reads until <see cref="CommitAsync"/>.</summary>
public interface IIndexRebuild : IAsyncDisposable
{
    /// <summary>Adds a batch to the new index.</summary>
    Task AddAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct);

    /// <summary>Makes the new index the live one (swaps the alias); without it, disposing discards the new index.</summary>
    Task CommitAsync(CancellationToken ct);
}

/// <summary>The engine's state.</summary>
/// <param name="Healthy">Whether it answers.</param>
/// <param name="Description">One plain sentence.</param>
/// <param name="RebuildNeeded">
/// The index should be rebuilt from the database: an older version wrote it (it still answers meanwhile,
/// and <paramref name="Healthy"/> is true), or it was lost or damaged (it cannot answer for everything,
/// and <paramref name="Healthy"/> is false).
/// </param>
/// <param name="InUse">Another process holds the index (the embedded engine); commands that write it must wait until it stops.</param>
public sealed record SearchHealth(bool Healthy, string Description, bool RebuildNeeded = false, bool InUse = false);
