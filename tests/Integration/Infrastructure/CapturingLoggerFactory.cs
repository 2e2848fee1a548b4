using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DevHarness.Integration.Infrastructure;

/// <summary>
/// A logger factory that keeps every formatted log line (and can echo them to the test output), so a test
/// can assert that a component said something, e.g. a warning, without parsing console text.
/// </summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<LogLine> _lines = new();
    private readonly ITestOutputHelper? _output;

    public CapturingLoggerFactory(ITestOutputHelper? output = null) => _output = output;

    public IReadOnlyCollection<LogLine> Lines => _lines;

    public IEnumerable<LogLine> At(LogLevel level) => _lines.Where(l => l.Level == level);

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private void Write(LogLine line)
    {
        _lines.Enqueue(line);
        try
        {
            _output?.WriteLine($"{line.Level,-11} {line.Category}: {line.Message}");
        }
        catch (InvalidOperationException)
        {
            // Logged after the test finished (a background loop): the line is still captured.
        }
    }

    /// <summary>One captured line.</summary>
    public sealed record LogLine(LogLevel Level, string Category, EventId EventId, string Message, Exception? Exception);

    private sealed class CapturingLogger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // ASP.NET Core's own per-request lines would bury the component's.
        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= (category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) ? LogLevel.Warning : LogLevel.Information);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(new LogLine(logLevel, category, eventId, formatter(state, exception), exception));
            }
        }
    }
}
