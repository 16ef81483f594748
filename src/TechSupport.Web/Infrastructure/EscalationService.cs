using Mediator;
using TechSupport.Application.Features.Escalation;
using TechSupport.Web.Auth;

namespace TechSupport.Web.Infrastructure;

// E1–E9 on the clock: at least every Escalation:IntervalSeconds, and sooner when a warning or a
// breach falls due before that, this instance takes (or renews) the evaluator's lease and, while it
// holds it, sends EvaluateEscalations until nothing is due. Waits on TimeProvider, so tests move time
// with a fake clock.
public sealed partial class EscalationService(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<EscalationService> logger) : BackgroundService
{
    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    // A breach is "after" its due instant: waking just past it lets the rule see it missed.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(250);

    public TimeSpan Interval { get; } = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Escalation:IntervalSeconds", 30)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Interval;
            try
            {
                await RunOnceAsync(stoppingToken);
                if (await SendAsync(new NextEscalationDue(), stoppingToken) is { } next)
                {
                    var until = next - clock.GetUtcNow() + Slack;
                    wait = until < Slack ? Slack : until < Interval ? until : Interval;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                EvaluationFailed(logger, ex);
            }

            try
            {
                await Task.Delay(wait, clock, stoppingToken);
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

    private Task<T> SendAsync<T>(ICommand<T> command, CancellationToken ct) => AsSystemAsync(s => s.Send(command, ct));

    private Task<T> SendAsync<T>(IQuery<T> query, CancellationToken ct) => AsSystemAsync(s => s.Send(query, ct));

    private async Task<T> AsSystemAsync<T>(Func<ISender, ValueTask<T>> send)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem("TechSupport");
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    [LoggerMessage(LogLevel.Information, "Escalation rules evaluated {Faults} faults")]
    private static partial void Evaluated(ILogger logger, int faults);

    [LoggerMessage(LogLevel.Error, "The escalation evaluation failed")]
    private static partial void EvaluationFailed(ILogger logger, Exception exception);
}
