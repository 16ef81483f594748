using Microsoft.Extensions.Options;

namespace TechSupport.Search.Elasticsearch;

// What the adapter keeps for the life of the process, shared by the short-lived typed clients: the
// names it owns and whether the template and the alias have been made sure of.
internal sealed class ElasticsearchIndexState(IOptions<ElasticsearchOptions> options) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile bool ready;

    public ElasticsearchIndexNames Names { get; } = new(options.Value.IndexPrefix);

    // Runs bootstrap once per process: callers that race wait for the first; a failed or
    // cancelled bootstrap is tried again by the next caller.
    public async Task EnsureReadyAsync(Func<CancellationToken, Task> bootstrap, CancellationToken ct)
    {
        if (ready)
        {
            return;
        }

        await gate.WaitAsync(ct);
        try
        {
            if (!ready)
            {
                await bootstrap(ct);
                ready = true;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    // Makes the next caller check the template and alias again (someone deleted the alias).
    public void Invalidate() => ready = false;

    public void Dispose() => gate.Dispose();
}
