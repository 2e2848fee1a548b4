using System.Diagnostics;
using System.Net.Http.Headers;
using System.Threading.Channels;
using DevHarness.Emulators.Events;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Posts object events to the events endpoint in the background, with bounded retries: an upload never
/// fails because of event delivery, as in OCI. Events for one object keep their order (one lane per
/// object, chosen by name); different objects' events go out in parallel lanes, so a burst of uploads is
/// not held to one POST at a time. A lane holds at most <see cref="LaneCapacity"/> events: when it is full,
/// the request that caused the event answers only once the event has room (uploads faster than events
/// leave are slowed down, instead of memory growing). Each event is sent under the trace context of the
/// request that caused it (captured when queued, since the post happens later), whether or not a listener
/// samples this emulator's spans.
/// </summary>
internal sealed class ObjectEventPublisher : IAsyncDisposable
{
    public static readonly ActivitySource Source = new("DevHarness.ObjectStorage");

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    // Enough to keep the events emulator's dispatchers and the function busy on a small machine.
    private const int Lanes = 8;

    // A waiting event is its body (about 1.5 KB) and its facts: 8 × 128 of them stay within a few MiB, yet
    // cover half a second of uploads at 2,000 a second, so a burst is absorbed without slowing the uploads.
    private const int LaneCapacity = 128;

    private readonly Channel<PendingEvent>[] _lanes = [.. Enumerable.Range(0, Lanes)
        .Select(_ => Channel.CreateBounded<PendingEvent>(new BoundedChannelOptions(LaneCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }))];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Uri? _eventsUrl;

    /// <summary>
    /// The client for the events endpoint, this publisher's own. No overall timeout: the events emulator
    /// answers once it has queued the event, and while its queue is full it holds the answer (back-pressure).
    /// Giving up on a held answer would turn into a duplicate (when it queues the event just as the post is
    /// abandoned and retried), so the publisher waits. What fails is retried within
    /// <see cref="ObjectStorageEmulatorOptions.EventDeliveryAttempts"/>: a connection refused or broken (the
    /// events emulator stopped or died), or one not made within the connect timeout.
    /// </summary>
    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) }) { Timeout = Timeout.InfiniteTimeSpan };

    private readonly ObjectStorageEmulatorOptions _options;
    private readonly ILogger _logger;
    private readonly Task _worker;

    public ObjectEventPublisher(ObjectStorageEmulatorOptions options, ILogger logger)
    {
        _options = options;
        _eventsUrl = options.EventsUrl;
        _logger = logger;
        _worker = _eventsUrl is null ? Task.CompletedTask : Task.WhenAll(_lanes.Select(lane => Task.Run(() => DeliverAsync(lane))));
    }

    /// <summary>
    /// Queues the event of a write <paramref name="request"/> made. When the event's lane is full, the request's
    /// answer waits until the event has room; the event is queued then even if the client has gone, since the
    /// write is done.
    /// </summary>
    public void Publish(ObjectStorageEventFacts facts, ObjectStorageRequest request)
    {
        if (_eventsUrl is null)
        {
            return;
        }

        var body = ObjectStorageEventBuilder.Build(facts, _options.Clock);
        var lane = _lanes[(uint)HashCode.Combine(facts.BucketName, facts.ObjectName) % Lanes];
        var pending = new PendingEvent(facts, body, request.TraceContext);
        if (!lane.Writer.TryWrite(pending))
        {
            // A full lane serves waiting writers first come, first served, so one object's events stay in order.
            request.Http.Response.OnStarting(static queued => (Task)queued, QueueWhenRoomAsync(lane, pending));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        // Give queued events a moment to leave, then stop retrying: disposal must not hang.
        await Task.WhenAny(_worker, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        await _stopping.CancelAsync();
        await _worker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
        _http.Dispose();
    }

    private async Task QueueWhenRoomAsync(Channel<PendingEvent> lane, PendingEvent pending)
    {
        try
        {
            await lane.Writer.WriteAsync(pending, _stopping.Token);
        }
        catch (Exception stopping) when (stopping is OperationCanceledException or ChannelClosedException)
        {
            // The emulator is stopping; the upload itself still succeeds.
            ObjectStorageLog.EventsAbandoned(_logger, 1);
        }
    }

    private async Task DeliverAsync(Channel<PendingEvent> lane)
    {
        var token = _stopping.Token;
        try
        {
            await foreach (var pending in lane.Reader.ReadAllAsync(token))
            {
                await DeliverOneAsync(pending, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            ObjectStorageLog.EventsAbandoned(_logger, lane.Reader.Count);
        }
    }

    private async Task DeliverOneAsync(PendingEvent pending, CancellationToken token)
    {
        var eventType = ObjectStorageEventFacts.EventTypePrefix + pending.Facts.EventType;
        var name = pending.Facts.ObjectName ?? pending.Facts.BucketName;
        var delay = _options.EventRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            using var activity = TracePropagation.StartSend(Source, "objectstorage event", ActivityKind.Producer, pending.Parent);
            activity.SetTag("oci.event_type", eventType);
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _eventsUrl) { Content = new ByteArrayContent(pending.Body) };
                request.Content.Headers.ContentType = Json;
                TracePropagation.Inject(request, activity);

                using var response = await _http.SendAsync(request, token);
                if (response.IsSuccessStatusCode)
                {
                    ObjectStorageLog.EventDelivered(_logger, eventType, name, (int)response.StatusCode);
                    return;
                }

                failure = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                failure = ex.Message;
            }
            catch (OperationCanceledException ex) when (!token.IsCancellationRequested)
            {
                // The connect timeout: no events emulator took the connection in time.
                failure = ex.Message;
            }

            activity.SetStatus(ActivityStatusCode.Error, failure);
            if (attempt >= _options.EventDeliveryAttempts)
            {
                ObjectStorageLog.EventLost(_logger, eventType, name, attempt, failure);
                return;
            }

            ObjectStorageLog.EventRetry(_logger, eventType, name, attempt, failure, delay);
            await Task.Delay(delay, _options.Clock, token);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    private sealed record PendingEvent(ObjectStorageEventFacts Facts, byte[] Body, ActivityContext Parent);
}
