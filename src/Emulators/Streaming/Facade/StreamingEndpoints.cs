using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DevHarness.Emulators.Streaming.Backends;
using DevHarness.Oci;
using DevHarness.Oci.Streaming;

namespace DevHarness.Emulators.Streaming.Facade;

/// <summary>
/// The OCI Streaming data plane, API version 20180418, over the stream's log (<see cref="IStreamBackend"/>):
/// shapes, types and headers as docs/oci-facts.md §2 describes them, plus the emulator's fault-injection
/// admin API. One method per operation, mapped in <see cref="Map"/>.
/// </summary>
internal sealed class StreamingEndpoints(
    StreamCatalog catalog,
    CursorCodec cursors,
    IStreamBackend backend,
    FaultInjector faults,
    DateTimeOffset timeCreated)
{
    public const string NextCursorHeader = "opc-next-cursor";
    private const string StreamPath = "/20180418/streams/{streamId}";

    /// <summary>
    /// OCI returns "as many messages as possible" (docs/oci-facts.md §2.4); the facade stops at <c>limit</c>, at
    /// the end of the partition, or once this much key and value data is collected.
    /// </summary>
    private const long ResponseByteBudget = 16L * 1024 * 1024;

    private const int DefaultGroupTimeoutMs = 30_000;

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(StreamPath, (HttpContext c, string streamId) => GetStreamAsync(c, streamId));
        app.MapPost(StreamPath + "/messages", (HttpContext c, string streamId) => PutMessagesAsync(c, streamId));
        app.MapGet(StreamPath + "/messages", (HttpContext c, string streamId) => GetMessagesAsync(c, streamId));
        app.MapPost(StreamPath + "/cursors", (HttpContext c, string streamId) => CreateCursorAsync(c, streamId));
        app.MapPost(StreamPath + "/groupCursors", (HttpContext c, string streamId) => CreateGroupCursorAsync(c, streamId));
        app.MapPost(StreamPath + "/commit", (HttpContext c, string streamId) => CommitAsync(c, streamId));
        app.MapPost(StreamPath + "/heartbeat", (HttpContext c, string streamId) => HeartbeatAsync(c, streamId));
        app.MapGet(StreamPath + "/groups/{groupName}", (HttpContext c, string streamId, string groupName) => GetGroupAsync(c, streamId, groupName));
        app.MapPut(StreamPath + "/groups/{groupName}", (HttpContext c, string streamId, string groupName) => UpdateGroupAsync(c, streamId, groupName));
        app.MapGet("/_admin/faults", ListFaultsAsync);
        app.MapPost("/_admin/faults", AddFaultAsync);
        app.MapDelete("/_admin/faults", ClearFaults);
        new StreamAdminEndpoints(catalog, timeCreated).Map(app);
        app.MapFallback((HttpContext c) => throw new OciProblem(404, "NotFound",
            $"No operation {c.Request.Method} {c.Request.Path}: the stream emulator serves /20180418/streams/{{streamId}}/... (OCI Streaming API 20180418)."));
    }

    private Task GetStreamAsync(HttpContext context, string streamId)
    {
        var stream = Begin(context, "GetStream", streamId);
        return WriteAsync(context, StreamAdminEndpoints.Describe(stream, context.Request, timeCreated), OciJsonContext.Default.StreamInfo);
    }

    private async Task PutMessagesAsync(HttpContext context, string streamId)
    {
        var stream = Begin(context, "PutMessages", streamId, out var fault);
        var details = await ReadAsync(context, OciJsonContext.Default.PutMessagesDetails, "PutMessagesDetails");
        var messages = details.Messages ?? throw OciProblem.InvalidParameter("messages is required: {\"messages\": [{\"key\": <base64 or null>, \"value\": <base64>}]}.");
        if (messages.Count == 0)
        {
            throw OciProblem.InvalidParameter("messages must hold at least one entry.");
        }

        // docs/oci-facts.md §2.2, §2.5: key ≤ 256 bytes; keys and values of the whole request, decoded, ≤ 1 MiB.
        long total = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var entry = messages[i] ?? throw OciProblem.InvalidParameter($"messages[{i}] is null: each entry needs a base64 value.");
            if (entry.Value is null)
            {
                throw OciProblem.InvalidParameter($"messages[{i}].value is required (base64-encoded bytes).");
            }

            if (entry.Key is { Length: > StreamLimits.MaxKeyBytes })
            {
                throw OciProblem.InvalidParameter($"messages[{i}].key is {entry.Key.Length} bytes; a key may be at most {StreamLimits.MaxKeyBytes} bytes.");
            }

            total += (entry.Key?.Length ?? 0) + entry.Value.Length;
            if (total > StreamLimits.MaxRequestBytes)
            {
                throw OciProblem.InvalidParameter(string.Create(CultureInfo.InvariantCulture,
                    $"The request's keys and values add up to more than {StreamLimits.MaxRequestBytes} bytes (1 MiB) once decoded, reached at messages[{i}] ({total} bytes so far); send fewer or smaller messages per request."));
            }
        }

        // An injected entry failure leaves that entry out of the write and reports it failed in its place.
        var failed = fault?.EntryIndex;
        var info = context.Features.Get<RequestInfo>()!;
        var written = await backend.PutAsync(stream, [.. messages.Where((_, i) => i != failed)], context.RequestAborted);
        var entries = new List<PutMessagesResultEntry>(messages.Count);
        for (int i = 0, w = 0; i < messages.Count; i++)
        {
            entries.Add(i == failed
                ? new PutMessagesResultEntry(Error: fault!.ErrorCode, ErrorMessage: $"Injected fault: entry {i} failed (POST /_admin/faults).")
                : written[w++]);
        }

        foreach (var entry in entries.Where(e => e.IsSuccess))
        {
            info.Touched(int.Parse(entry.Partition!, CultureInfo.InvariantCulture));
        }

        await WriteAsync(context, new PutMessagesResult(entries.Count(e => !e.IsSuccess), entries), OciJsonContext.Default.PutMessagesResult);
    }

    private async Task GetMessagesAsync(HttpContext context, string streamId)
    {
        var stream = Begin(context, "GetMessages", streamId);
        var cursor = cursors.Decode(context.Request.Query["cursor"], stream.Ocid);
        var limit = ParseLimit(context.Request.Query["limit"]);
        var info = context.Features.Get<RequestInfo>()!;
        IReadOnlyList<StoredMessage> results;
        CursorState next;
        if (cursor.IsGroup)
        {
            var instance = backend.Groups.Get(stream, cursor.GroupName!, cursor.InstanceName!);
            var read = await instance.ReadAsync(cursor.Positions!, limit, ResponseByteBudget, context.RequestAborted);
            results = read.Messages;
            next = CursorState.ForGroup(stream.Ocid, cursors.Clock.GetUtcNow(), instance.GroupName, instance.InstanceName, read.Positions);
        }
        else
        {
            info.Touched(cursor.Partition);
            results = await backend.ReadAsync(stream, cursor.Partition, cursor.Offset, limit, ResponseByteBudget, context.RequestAborted);
            var nextOffset = results.Count == 0 ? cursor.Offset : results[^1].Offset + 1;
            next = CursorState.ForPartition(stream.Ocid, cursors.Clock.GetUtcNow(), cursor.Partition, nextOffset);
        }

        var messages = new List<Message>(results.Count);
        foreach (var r in results)
        {
            info.Touched(r.Partition);
            messages.Add(new Message(stream.Name, r.Partition.ToString(CultureInfo.InvariantCulture), r.Key, r.Value, r.Offset, r.Timestamp));
        }

        context.Response.Headers[NextCursorHeader] = cursors.Encode(next);
        await WriteAsync(context, messages, OciJsonContext.Default.ListMessage);
    }

    private async Task CreateCursorAsync(HttpContext context, string streamId)
    {
        var stream = Begin(context, "CreateCursor", streamId);
        var details = await ReadAsync(context, OciJsonContext.Default.CreateCursorDetails, "CreateCursorDetails");
        if (!int.TryParse(details.Partition, NumberStyles.None, CultureInfo.InvariantCulture, out var partition) || partition >= stream.Partitions)
        {
            throw OciProblem.InvalidParameter(details.Partition is null
                ? "partition is required (a string, e.g. \"0\")."
                : $"partition '{details.Partition}' does not exist: stream {stream.Name} has partitions \"0\" to \"{stream.Partitions - 1}\".");
        }

        context.Features.Get<RequestInfo>()!.Touched(partition);
        var offset = await ResolveAsync(stream, partition, details, context.RequestAborted);
        var cursor = CursorState.ForPartition(stream.Ocid, cursors.Clock.GetUtcNow(), partition, offset);
        await WriteAsync(context, new Cursor(cursors.Encode(cursor)), OciJsonContext.Default.Cursor);
    }

    private async Task CreateGroupCursorAsync(HttpContext context, string streamId)
    {
        var stream = Begin(context, "CreateGroupCursor", streamId);
        var details = await ReadAsync(context, OciJsonContext.Default.CreateGroupCursorDetails, "CreateGroupCursorDetails");
        if (string.IsNullOrWhiteSpace(details.GroupName))
        {
            throw OciProblem.InvalidParameter("groupName is required.");
        }

        if (details.Type is not (CursorType.TrimHorizon or CursorType.Latest or CursorType.AtTime))
        {
            throw OciProblem.InvalidParameter($"type {details.Type} is not allowed for a group cursor: use TRIM_HORIZON, LATEST or AT_TIME.");
        }

        if (details.Type == CursorType.AtTime && details.Time is null)
        {
            throw OciProblem.InvalidParameter("time is required for an AT_TIME cursor (RFC 3339).");
        }

        if (details.TimeoutInMs is < 1_000 or > 300_000)
        {
            throw OciProblem.InvalidParameter($"timeoutInMs must be from 1000 to 300000, not {details.TimeoutInMs}.");
        }

        var instance = string.IsNullOrWhiteSpace(details.InstanceName) ? "instance-" + Guid.NewGuid().ToString("N")[..12] : details.InstanceName;
        var member = await backend.Groups.JoinAsync(stream, details with { TimeoutInMs = details.TimeoutInMs ?? DefaultGroupTimeoutMs }, instance, context.RequestAborted);
        var cursor = CursorState.ForGroup(stream.Ocid, cursors.Clock.GetUtcNow(), member.GroupName, member.InstanceName, new Dictionary<int, long>());
        await WriteAsync(context, new Cursor(cursors.Encode(cursor)), OciJsonContext.Default.Cursor);
    }

    private async Task CommitAsync(HttpContext context, string streamId)
    {
        var (_, cursor, instance) = GroupRequest(context, "ConsumerCommit", streamId);
        var committed = await instance.CommitAsync(cursor.Positions!, context.RequestAborted);
        var info = context.Features.Get<RequestInfo>()!;
        foreach (var partition in committed)
        {
            info.Touched(partition);
        }

        var next = cursor with { IssuedAt = cursors.Clock.GetUtcNow() };
        await WriteAsync(context, new Cursor(cursors.Encode(next)), OciJsonContext.Default.Cursor);
    }

    private Task HeartbeatAsync(HttpContext context, string streamId)
    {
        var (_, cursor, instance) = GroupRequest(context, "ConsumerHeartbeat", streamId);
        instance.Touch();
        var next = cursor with { IssuedAt = cursors.Clock.GetUtcNow() };
        return WriteAsync(context, new Cursor(cursors.Encode(next)), OciJsonContext.Default.Cursor);
    }

    private async Task GetGroupAsync(HttpContext context, string streamId, string groupName)
    {
        var stream = Begin(context, "GetGroup", streamId);
        var group = await backend.Groups.DescribeAsync(stream, groupName, context.RequestAborted);
        await WriteAsync(context, group, OciJsonContext.Default.Group);
    }

    /// <summary>
    /// OCI's UpdateGroup: moves the whole group to TRIM_HORIZON, LATEST or AT_TIME in every partition (its
    /// committed offsets, shared with a Kafka consumer group of the same name); its instances must create new
    /// group cursors. Answers 200 with no body, as OCI does.
    /// </summary>
    private async Task UpdateGroupAsync(HttpContext context, string streamId, string groupName)
    {
        var stream = Begin(context, "UpdateGroup", streamId);
        var details = await ReadAsync(context, OciJsonContext.Default.UpdateGroupDetails, "UpdateGroupDetails");
        if (details.Type is not (CursorType.TrimHorizon or CursorType.Latest or CursorType.AtTime))
        {
            throw OciProblem.InvalidParameter(details.Type is null
                ? "type is required: TRIM_HORIZON, LATEST or AT_TIME."
                : $"type {Wire(details.Type.Value)} is not allowed for a group: use TRIM_HORIZON, LATEST or AT_TIME.");
        }

        if (details.Type == CursorType.AtTime && details.Time is null)
        {
            throw OciProblem.InvalidParameter("time is required for AT_TIME (RFC 3339).");
        }

        var offsets = new Dictionary<int, long>();
        for (var partition = 0; partition < stream.Partitions; partition++)
        {
            offsets[partition] = await ResolveAsync(stream, partition, new CreateCursorDetails(partition.ToString(CultureInfo.InvariantCulture), details.Type.Value, Time: details.Time), context.RequestAborted);
        }

        await backend.Groups.ResetAsync(stream, groupName, offsets, context.RequestAborted);
    }

    private Task ListFaultsAsync(HttpContext context)
    {
        context.Features.Get<RequestInfo>()!.Operation = "ListFaults";
        return WriteAsync(context, faults.Active.ToList(), StreamAdminJsonContext.Default.ListFaultRule);
    }

    private async Task AddFaultAsync(HttpContext context)
    {
        context.Features.Get<RequestInfo>()!.Operation = "AddFault";
        var rule = await ReadAsync(context, StreamAdminJsonContext.Default.FaultRule, "fault rule");
        faults.Add(rule);
        context.Response.StatusCode = StatusCodes.Status201Created;
        await WriteAsync(context, faults.Active.ToList(), StreamAdminJsonContext.Default.ListFaultRule);
    }

    private void ClearFaults(HttpContext context)
    {
        context.Features.Get<RequestInfo>()!.Operation = "ClearFaults";
        faults.Clear();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private (StreamDefinition Stream, CursorState Cursor, IGroupInstance Instance) GroupRequest(HttpContext context, string operation, string streamId)
    {
        var stream = Begin(context, operation, streamId);
        var cursor = cursors.Decode(context.Request.Query["cursor"], stream.Ocid);
        if (!cursor.IsGroup)
        {
            throw OciProblem.InvalidParameter($"{operation} takes a group cursor (from CreateGroupCursor), not a partition cursor.");
        }

        return (stream, cursor, backend.Groups.Get(stream, cursor.GroupName!, cursor.InstanceName!));
    }

    private async Task<long> ResolveAsync(StreamDefinition stream, int partition, CreateCursorDetails details, CancellationToken cancellationToken)
    {
        var (low, high) = await backend.BoundsAsync(stream, partition, cancellationToken);
        switch (details.Type)
        {
            case CursorType.TrimHorizon:
                return low;
            case CursorType.Latest:
                return high;
            case CursorType.AtTime:
                return details.Time is { } time
                    ? await backend.OffsetForTimeAsync(stream, partition, time, cancellationToken)
                    : throw OciProblem.InvalidParameter("time is required for an AT_TIME cursor (RFC 3339).");
            default:
                var given = details.Offset ?? throw OciProblem.InvalidParameter($"offset is required for a {Wire(details.Type)} cursor.");
                var offset = details.Type == CursorType.AfterOffset ? given + 1 : given;
                if (offset < low || offset > high)
                {
                    throw OciProblem.InvalidParameter(string.Create(CultureInfo.InvariantCulture,
                        $"offset {given} is outside partition {partition}: it holds offsets {low} to {high - 1}{(low > 0 ? " (older ones are past the stream's retention)" : "")}."));
                }
                return offset;
        }
    }

    private StreamDefinition Begin(HttpContext context, string operation, string streamId) => Begin(context, operation, streamId, out _);

    /// <summary>Names the request for the log, finds the stream (404) and applies any injected fault.</summary>
    private StreamDefinition Begin(HttpContext context, string operation, string streamId, out FaultRule? entryFault)
    {
        var info = context.Features.Get<RequestInfo>()!;
        info.Operation = operation;
        var stream = catalog.Get(streamId);
        info.Stream = stream.Name;
        entryFault = null;
        var fault = faults.Next(operation);
        switch (fault?.Mode)
        {
            case FaultRule.Throttle:
                throw new OciProblem(429, "TooManyRequests", $"Injected fault: too many requests for {operation} (POST /_admin/faults); retry after {fault.RetryAfterSeconds} s.")
                {
                    RetryAfterSeconds = fault.RetryAfterSeconds,
                };
            case FaultRule.Error:
                throw new OciProblem(500, "InternalServerError", $"Injected fault: {operation} failed (POST /_admin/faults).");
            case FaultRule.FailEntry:
                entryFault = fault;
                break;
        }
        return stream;
    }

    private static int ParseLimit(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return StreamLimits.MaxGetMessagesLimit;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= StreamLimits.MaxGetMessagesLimit
            ? limit
            : throw OciProblem.InvalidParameter($"limit must be a whole number from 1 to {StreamLimits.MaxGetMessagesLimit}, not '{text}'.");
    }

    private static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, string what)
    {
        T? value;
        try
        {
            value = await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "the body" : e.Path.TrimStart('$', '.');
            var why = e.InnerException is FormatException format ? format.Message : FirstSentence(e.Message);
            throw OciProblem.InvalidParameter($"The request body is not a valid {what}: {field} is malformed ({why.TrimEnd('.', ' ')}).");
        }

        return value ?? throw OciProblem.InvalidParameter($"The request body must be a {what} JSON object.");
    }

    /// <summary>System.Text.Json's message without its path suffix and .NET type names, which mean nothing to an OCI client.</summary>
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        var type = text.IndexOf(" to DevHarness.", StringComparison.Ordinal);
        return type > 0 ? text[..type] + " to the expected type" : text;
    }

    private static string Wire(CursorType type) => JsonSerializer.Serialize(type, OciJsonContext.Default.CursorType).Trim('"');

    private static Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }
}
