namespace TechSupport.Application.Data;

// SQLite has one writer at a time; when several requests write at once the losers sleep in
// SQLite's busy handler (up to 100 ms a try). Queuing them here instead hands the lock over as
// soon as it is free. SQL Server takes row locks and needs no gate.
public sealed class WriteGate(DatabaseProvider provider) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask<IDisposable?> EnterAsync(CancellationToken ct)
    {
        if (provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        await _gate.WaitAsync(ct);
        return new Release(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
