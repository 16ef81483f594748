namespace TechSupport.Application.Outbox;

// Whether the outbox's writes reach the search index, how a rebuild is getting on, and what was set
// aside: written by the dispatcher and the recovery service, read by health and by search, which
// answers degraded from the database while the index is behind. Thread-safe; one per app.
public sealed class SearchIndexStatus(TimeProvider clock) : IDisposable
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim recoveryWanted = new(0, 1);
    private SearchIndexState state = new(null, null, false, false, 0, 0, 0, null);

    public SearchIndexState Current
    {
        get
        {
            lock (gate)
            {
                return state;
            }
        }
    }

    // The engine could not take a batch: the index misses what the outbox still holds.
    public void WriteFailed(string reason)
    {
        lock (gate)
        {
            state = state with { FailingSince = state.FailingSince ?? clock.GetUtcNow(), Failure = reason };
        }

        WakeRecovery();
    }

    // The engine answered a batch; what it refused is counted as parked once it is set aside.
    public void WriteSucceeded()
    {
        lock (gate)
        {
            if (state.FailingSince is not null)
            {
                state = state with { FailingSince = null, Failure = null };
            }
        }
    }

    public void Parked(int count, string? lastError)
    {
        lock (gate)
        {
            state = state with { Parked = count, ParkedError = count == 0 ? null : lastError ?? state.ParkedError };
        }
    }

    public void RebuildStarted(long total, bool replacing)
    {
        lock (gate)
        {
            state = state with { Rebuilding = true, Replacing = replacing, Done = 0, Total = total };
        }
    }

    public void RebuildProgressed(long done)
    {
        lock (gate)
        {
            state = state with { Done = done, Total = Math.Max(state.Total, done) };
        }
    }

    public void RebuildEnded()
    {
        lock (gate)
        {
            state = state with { Rebuilding = false, Replacing = false, Done = 0, Total = 0 };
        }
    }

    // Asks the recovery service to look at the index now rather than at its next round.
    public void WakeRecovery()
    {
        if (recoveryWanted.CurrentCount == 0)
        {
            try
            {
                recoveryWanted.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken already.
            }
        }
    }

    public Task WaitForRecoveryWantedAsync(CancellationToken ct) => recoveryWanted.WaitAsync(ct);

    public void Dispose() => recoveryWanted.Dispose();
}
