using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace DevHarness.Emulators.Events;

/// <summary>
/// Matches accepted events against the rules and runs the resulting invocations in the background, retrying
/// each failure with exponential backoff and jitter a bounded number of times; what still fails is logged and
/// kept as a <see cref="DeadLetter"/> (on disk too, with a data folder). Nothing disappears silently.
/// Invocations run in <see cref="EventsEmulatorOptions.Concurrency"/> lanes, one invocation at a time per lane;
/// every event about one resource (an object: bucket and name) goes to the same lane, so a function sees one
/// object's events in the order they were accepted, retries included, while other objects' events run beside them.
/// Each lane holds a bounded number of waiting events (<see cref="EventsEmulatorOptions.QueueLimit"/>): when it
/// is full, <see cref="DispatchAsync"/> waits for room, which holds back whoever posts faster than the functions
/// answer instead of letting memory grow.
/// </summary>
internal sealed class EventDispatcher : IAsyncDisposable
{
    private readonly Channel<QueuedEvent>[] _lanes;
    private readonly ConcurrentQueue<DeadLetter> _deadLetters = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly IReadOnlyList<EventRule> _rules;
    private readonly Dictionary<string, FunctionTarget> _targets;
    private readonly EventsEmulatorOptions _options;
    private readonly FunctionInvoker _invoker;
    private readonly ILogger _logger;
    private readonly Task[] _workers;
    private long _pending;

    private readonly DeadLetterStore _store;

    public EventDispatcher(IReadOnlyList<EventRule> rules, EventsEmulatorOptions options, DeadLetterStore store, ILogger logger)
    {
        _rules = rules;
        _targets = rules.SelectMany(r => r.Targets).Distinct(StringComparer.Ordinal).ToDictionary(t => t, FunctionTarget.Parse, StringComparer.Ordinal);
        _options = options;
        _store = store;
        _logger = logger;
        foreach (var letter in store.Loaded)
        {
            _deadLetters.Enqueue(letter);
        }

        _invoker = new FunctionInvoker(options.InvocationTimeout, options.Clock);
        var lanes = Math.Max(1, options.Concurrency);
        var perLane = Math.Max(1, options.QueueLimit / lanes);
        _lanes = [.. Enumerable.Range(0, lanes)
            .Select(_ => Channel.CreateBounded<QueuedEvent>(new BoundedChannelOptions(perLane) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }))];
        _workers = [.. _lanes.Select(lane => Task.Run(() => WorkAsync(lane)))];
    }

    public IReadOnlyList<EventRule> Rules => _rules;

    public IReadOnlyList<DeadLetter> DeadLetters => [.. _deadLetters];

    /// <summary>Invocations queued or running.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>
    /// Queues the event with one invocation per target of every enabled rule that matches, waiting while its
    /// lane is full; returns the matched rules and the number of invocations. All of an event's invocations are
    /// queued together or, when <paramref name="cancellationToken"/> ends the wait, none is.
    /// </summary>
    public async ValueTask<(List<string> MatchedRules, int Invocations)> DispatchAsync(JsonElement @event, byte[] body, ActivityContext parent, CancellationToken cancellationToken)
    {
        var matched = new List<string>();
        var invocations = new List<(EventRule Rule, FunctionTarget Target)>();
        foreach (var rule in _rules)
        {
            if (!rule.IsEnabled || !rule.Condition.Matches(@event))
            {
                continue;
            }

            matched.Add(rule.DisplayName);
            foreach (var target in rule.Targets)
            {
                invocations.Add((rule, _targets[target]));
            }
        }

        if (invocations.Count == 0)
        {
            return (matched, 0);
        }

        var data = @event.TryGetProperty("data", out var d) ? d : default;
        var queued = new QueuedEvent(Text(@event, "eventID"), Text(@event, "eventType"), Text(data, "resourceName"), body, parent, invocations);
        var lane = _lanes[(uint)string.GetHashCode(Text(data, "resourceId") ?? queued.EventId ?? "", StringComparison.Ordinal) % (uint)_lanes.Length];
        Interlocked.Add(ref _pending, invocations.Count);
        try
        {
            await lane.Writer.WriteAsync(queued, cancellationToken);
        }
        catch
        {
            Interlocked.Add(ref _pending, -invocations.Count);
            throw;
        }

        return (matched, invocations.Count);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(_workers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _invoker.Dispose();
        _stopping.Dispose();
    }

    private async Task WorkAsync(Channel<QueuedEvent> lane)
    {
        var token = _stopping.Token;
        try
        {
            await foreach (var queued in lane.Reader.ReadAllAsync(token))
            {
                foreach (var (rule, target) in queued.Invocations)
                {
                    try
                    {
                        await RunAsync(queued, rule, target, token);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _pending);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping: queued invocations are dropped with the process, as a stopped emulator would.
        }
    }

    private async Task RunAsync(QueuedEvent queued, EventRule rule, FunctionTarget target, CancellationToken token)
    {
        var eventId = queued.EventId ?? "?";
        var eventType = queued.EventType ?? "?";
        var delay = _options.RetryDelay;
        InvocationResult result = default;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            result = await _invoker.InvokeAsync(target, queued.Body, queued.Parent, token);
            if (result.Succeeded)
            {
                if (_logger.IsEnabled(LogLevel.Information))
                {
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    EventsLog.Invoked(_logger, eventType, eventId, target.Text, rule.DisplayName, elapsed.TotalMilliseconds);
                }

                return;
            }

            if (attempt < _options.MaxAttempts)
            {
                EventsLog.InvocationRetry(_logger, eventType, eventId, target.Text, attempt, result.Reason!, delay);
                await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Max(1, delay.TotalMilliseconds / 4))), _options.Clock, token);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }

        // The event itself is parsed again only here: keeping a parsed copy of every queued event would cost each one.
        using var document = JsonDocument.Parse(queued.Body);
        var letter = new DeadLetter(queued.EventId, queued.EventType, queued.ResourceName, rule.DisplayName, target.Text, _options.MaxAttempts, result.Status, result.Reason!, _options.Clock.GetUtcNow(), document.RootElement.Clone());
        _deadLetters.Enqueue(letter);
        _store.Append(letter);
        EventsLog.DeadLettered(_logger, eventType, eventId, target.Text, _options.MaxAttempts, result.Reason!);
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An accepted event waiting in its lane: what its invocations, logs and dead letters need, and its body as received.</summary>
    private sealed record QueuedEvent(string? EventId, string? EventType, string? ResourceName, byte[] Body, ActivityContext Parent, List<(EventRule Rule, FunctionTarget Target)> Invocations);
}
