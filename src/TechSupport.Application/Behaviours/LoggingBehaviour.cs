using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using TechSupport.Application.Abstractions;

namespace TechSupport.Application.Behaviours;

// Request name, user and elapsed time; never the payload, which may be confidential.
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger,
    ICurrentUser user) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            Handled(logger, typeof(TMessage).Name, user.Id, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            Failed(logger, typeof(TMessage).Name, user.Id, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                ex.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(LogLevel.Information, "{Request} by {UserId} handled in {ElapsedMs:0.0} ms")]
    private static partial void Handled(ILogger logger, string request, Guid userId, double elapsedMs);

    [LoggerMessage(LogLevel.Information, "{Request} by {UserId} failed after {ElapsedMs:0.0} ms with {Exception}")]
    private static partial void Failed(ILogger logger, string request, Guid userId, double elapsedMs, string exception);
}
