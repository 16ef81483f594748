using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TechSupport.Tests.Support;

// Every log line the app writes, as its level and formatted message, for tests that prove what is (and is not) logged.
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            capture.Lines.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
