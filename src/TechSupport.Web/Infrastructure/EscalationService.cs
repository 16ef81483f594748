using Mediator;
using TechSupport.Application.Features.Escalation;
using TechSupport.Web.Auth;

namespace TechSupport.Web.Infrastructure;

// E1–E9 on the clock: every Escalation:IntervalSeconds this instance takes (or renews) the
// evaluator's lease and, while it holds it, sends EvaluateEscalations until nothing is due. Waits on
// TimeProvider, so tests move time with a fake clock.
public sealed partial class EscalationService(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<EscalationService> logger) : BackgroundService
{
    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public TimeSpan Interval { get; } = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Escalation:IntervalSeconds", 30)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                EvaluationFailed(logger, ex);
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

    // One pass: answers how many faults were evaluated, or null when another instance holds the lease.
    public async Task<int?> RunOnceAsync(CancellationToken ct)
    {
        // The lease outlives two intervals, so a holder that stops is replaced within that time.
        if (!await SendAsync(new TakeEvaluatorLease(_holder, Interval * 2 + TimeSpan.FromSeconds(5)), ct))
        {
            return null;
        }

        var total = 0;
        for (var round = 0; round < 1_000; round++)
        {
            var result = await SendAsync(new EvaluateEscalations(), ct);
            total += result.Faults;
            if (result.More == 0)
            {
                break;
            }
        }

        if (total > 0)
        {
            Evaluated(logger, total);
        }

        return total;
    }

    private async Task<T> SendAsync<T>(ICommand<T> command, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem("TechSupport");
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, ct);
    }

    [LoggerMessage(LogLevel.Information, "Escalation rules evaluated {Faults} faults")]
    private static partial void Evaluated(ILogger logger, int faults);

    [LoggerMessage(LogLevel.Error, "The escalation evaluation failed")]
    private static partial void EvaluationFailed(ILogger logger, Exception exception);
}
