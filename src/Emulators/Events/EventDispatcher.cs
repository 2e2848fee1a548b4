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
/// </summary>
internal sealed class EventDispatcher : IAsyncDisposable
{
    private readonly Channel<Invocation>[] _lanes;
    private readonly ConcurrentQueue<DeadLetter> _deadLetters = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly IReadOnlyList<EventRule> _rules;
    private readonly EventsEmulatorOptions _options;
    private readonly FunctionInvoker _invoker;
    private readonly ILogger _logger;
    private readonly Task[] _workers;
    private long _pending;

    private readonly DeadLetterStore _store;

    public EventDispatcher(IReadOnlyList<EventRule> rules, EventsEmulatorOptions options, DeadLetterStore store, ILogger logger)
    {
        _rules = rules;
        _options = options;
        _store = store;
        _logger = logger;
        foreach (var letter in store.Loaded)
        {
            _deadLetters.Enqueue(letter);
        }

        _invoker = new FunctionInvoker(options.InvocationTimeout, options.Clock);
        _lanes = [.. Enumerable.Range(0, Math.Max(1, options.Concurrency))
            .Select(_ => Channel.CreateUnbounded<Invocation>(new UnboundedChannelOptions { SingleReader = true }))];
        _workers = [.. _lanes.Select(lane => Task.Run(() => WorkAsync(lane)))];
    }

    public IReadOnlyList<EventRule> Rules => _rules;

    public IReadOnlyList<DeadLetter> DeadLetters => [.. _deadLetters];

    /// <summary>Invocations queued or running.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Queues one invocation per target of every enabled rule that matches; returns the matched rules.</summary>
    public IReadOnlyList<string> Dispatch(JsonElement @event, byte[] body, ActivityContext parent)
    {
        var matched = new List<string>();
        var lane = _lanes[(uint)string.GetHashCode(Resource(@event), StringComparison.Ordinal) % (uint)_lanes.Length];
        foreach (var rule in _rules)
        {
            if (!rule.IsEnabled || !rule.Condition.Matches(@event))
            {
                continue;
            }

            matched.Add(rule.DisplayName);
            foreach (var target in rule.Targets)
            {
                Interlocked.Increment(ref _pending);
                lane.Writer.TryWrite(new Invocation(rule, FunctionTarget.Parse(target), body, @event.Clone(), parent));
            }
        }

        return matched;
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

    /// <summary>What an event is about, for its lane: <c>data.resourceId</c> (for an object, <c>/n/…/b/…/o/name</c>), else its eventID.</summary>
    private static string Resource(JsonElement @event) =>
        (@event.TryGetProperty("data", out var data) ? Text(data, "resourceId") : null) ?? Text(@event, "eventID") ?? "";

    private async Task WorkAsync(Channel<Invocation> lane)
    {
        var token = _stopping.Token;
        try
        {
            await foreach (var invocation in lane.Reader.ReadAllAsync(token))
            {
                try
                {
                    await RunAsync(invocation, token);
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping: queued invocations are dropped with the process, as a stopped emulator would.
        }
    }

    private async Task RunAsync(Invocation invocation, CancellationToken token)
    {
        var eventId = Text(invocation.Event, "eventID");
        var eventType = Text(invocation.Event, "eventType");
        var delay = _options.RetryDelay;
        InvocationResult result = default;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            result = await _invoker.InvokeAsync(invocation.Target, invocation.Body, invocation.Parent, token);
            if (result.Succeeded)
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                EventsLog.Invoked(_logger, eventType ?? "?", eventId ?? "?", invocation.Target.Text, elapsed.TotalMilliseconds);
                return;
            }

            if (attempt < _options.MaxAttempts)
            {
                EventsLog.InvocationRetry(_logger, eventType ?? "?", eventId ?? "?", invocation.Target.Text, attempt, result.Reason!, delay);
                await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Max(1, delay.TotalMilliseconds / 4))), _options.Clock, token);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }

        var resourceName = invocation.Event.TryGetProperty("data", out var data) ? Text(data, "resourceName") : null;
        var letter = new DeadLetter(eventId, eventType, resourceName, invocation.Rule.DisplayName, invocation.Target.Text, _options.MaxAttempts, result.Status, result.Reason!, _options.Clock.GetUtcNow(), invocation.Event);
        _deadLetters.Enqueue(letter);
        _store.Append(letter);
        EventsLog.DeadLettered(_logger, eventType ?? "?", eventId ?? "?", invocation.Target.Text, _options.MaxAttempts, result.Reason!);
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record Invocation(EventRule Rule, FunctionTarget Target, byte[] Body, JsonElement Event, ActivityContext Parent);
}
