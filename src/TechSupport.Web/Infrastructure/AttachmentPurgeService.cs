using Mediator;
using TechSupport.Application.Attachments;
using TechSupport.Application.Features.Attachments;
using TechSupport.Web.Auth;

namespace TechSupport.Web.Infrastructure;

// S5 on the clock: at start and every hour after, the bytes of Restricted attachments whose fault has been closed
// for Attachments:RestrictedRetentionDays are deleted (PurgeRestrictedAttachments, sent as the system). At start it
// also clears what a crashed upload left behind. Waits on TimeProvider, so tests move time with a fake clock.
public sealed partial class AttachmentPurgeService(
    IServiceScopeFactory scopes,
    AttachmentStore store,
    TimeProvider clock,
    ILogger<AttachmentPurgeService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    // An upload in progress is far younger than this; anything older was abandoned.
    private static readonly TimeSpan Abandoned = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (store.SweepAbandoned(Abandoned) is > 0 and var swept)
            {
                Swept(logger, swept);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            SweepFailed(logger, ex);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                PurgeFailed(logger, ex);
            }

            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // One pass, in batches until nothing is due; answers how many attachments were purged.
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var total = 0;
        for (var round = 0; round < 1_000; round++)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem("TechSupport");
            var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeRestrictedAttachments(), ct);
            total += result.Purged;
            if (!result.More)
            {
                break;
            }
        }

        if (total > 0)
        {
            Purged(logger, total);
        }

        return total;
    }

    [LoggerMessage(LogLevel.Information, "Purged the files of {Count} Restricted attachments past their retention")]
    private static partial void Purged(ILogger logger, int count);

    [LoggerMessage(LogLevel.Error, "The attachment purge failed")]
    private static partial void PurgeFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Information, "Removed {Count} files left by interrupted uploads")]
    private static partial void Swept(ILogger logger, int count);

    [LoggerMessage(LogLevel.Warning, "Could not clear files left by interrupted uploads")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
