namespace TechSupport.Application.Notifications;

// Wakes the mail dispatcher when a command that queued mail commits, so an acknowledgement reaches
// the reporter's inbox in seconds rather than at the dispatcher's next look.
public sealed class MailSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Woken already; one wake-up sends everything that is due.
        }
    }

    public Task WaitAsync(CancellationToken ct) => _pending.WaitAsync(ct);

    public void Dispose() => _pending.Dispose();
}
