namespace TechSupport.Search.Elasticsearch;

// A rebuild into a fresh versioned index. Nobody reads it until CommitAsync swaps the alias;
// disposing it uncommitted deletes it, so an abandoned rebuild leaves the live index as it was.
internal sealed class ElasticsearchIndexRebuild(ElasticsearchSearchIndex owner, string index) : IIndexRebuild
{
    private bool committed;
    private bool disposed;

    public string Index => index;

    public Task AddAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ThrowIfCommitted();
        return owner.AddToRebuildAsync(index, documents, ct);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ThrowIfCommitted();
        await owner.CommitRebuildAsync(index, ct);
        committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!committed)
        {
            await owner.DiscardRebuildAsync(index);
        }
    }

    private void ThrowIfCommitted()
    {
        if (committed)
        {
            throw new InvalidOperationException("The rebuild has been committed already.");
        }
    }
}
