using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DevHarness.Unit.Http;

/// <summary>Keeps every log entry's structured values, so tests can assert on what a component decided.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<IReadOnlyDictionary<string, object?>> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, object?> { ["EventId"] = eventId.Id, ["Message"] = formatter(state, exception) };
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    values[key] = value;
                }
            }

            owner.Entries.Enqueue(values);
        }
    }
}
