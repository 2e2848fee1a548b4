using System.Globalization;
using DevHarness.Oci.Http;
using DevHarness.Oci.Signing;

namespace DevHarness.Oci.Streaming;

/// <summary>
/// The OCI Streaming data plane (docs/oci-facts.md §2), over an <see cref="HttpClient"/> whose
/// <see cref="HttpClient.BaseAddress"/> is the stream's messages endpoint (or the emulator's facade).
/// Every non-2xx answer becomes an <see cref="OciException"/>. PutMessages is never retried
/// automatically: its per-entry failures come back in the result, for the caller to retry entry by
/// entry (see <see cref="PutMessagesBatcher"/>).
/// </summary>
public sealed class StreamClient(HttpClient http)
{
    private const string BasePath = "/20180418/streams/";
    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));

    /// <summary>PutMessages: <c>POST /20180418/streams/{id}/messages</c>. Results come back in request order.</summary>
    public async Task<PutMessagesResult> PutMessagesAsync(string streamId, PutMessagesDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        using var request = Post(streamId, "/messages", OciHttp.JsonBody(details, OciJsonContext.Default.PutMessagesDetails));
        request.Options.Set(OciRequestOptions.Retryable, false);

        // The OCI .NET SDK signs PutMessages without the body headers (docs/oci-facts.md §2.2, §5).
        request.Options.Set(RequestSigningHandler.Strategy, SigningStrategy.ExcludeBody);
        using var response = await OciHttp.SendAsync(_http, request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var result = await OciHttp.ReadJsonAsync(response, OciJsonContext.Default.PutMessagesResult, cancellationToken);
        if (result.Entries is null || result.Entries.Count != details.Messages.Count)
        {
            throw new InvalidDataException(
                $"PutMessages sent {details.Messages.Count} messages but the answer has {result.Entries?.Count ?? 0} entries; results could not be matched to messages.");
        }

        return result;
    }

    /// <summary>CreateCursor: <c>POST /20180418/streams/{id}/cursors</c> for one partition. Creating a cursor changes nothing, so it is retried.</summary>
    public async Task<Cursor> CreateCursorAsync(string streamId, CreateCursorDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        using var request = Post(streamId, "/cursors", OciHttp.JsonBody(details, OciJsonContext.Default.CreateCursorDetails));
        request.Options.Set(OciRequestOptions.Retryable, true);
        using var response = await OciHttp.SendAsync(_http, request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await OciHttp.ReadJsonAsync(response, OciJsonContext.Default.Cursor, cancellationToken);
    }

    /// <summary>CreateGroupCursor: <c>POST /20180418/streams/{id}/groupCursors</c> (types AT_TIME, LATEST, TRIM_HORIZON).</summary>
    public async Task<Cursor> CreateGroupCursorAsync(string streamId, CreateGroupCursorDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.Type is CursorType.AtOffset or CursorType.AfterOffset)
        {
            throw new ArgumentException($"A group cursor cannot be of type {details.Type}; use AtTime, Latest or TrimHorizon.", nameof(details));
        }

        using var request = Post(streamId, "/groupCursors", OciHttp.JsonBody(details, OciJsonContext.Default.CreateGroupCursorDetails));
        request.Options.Set(OciRequestOptions.Retryable, true);
        using var response = await OciHttp.SendAsync(_http, request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await OciHttp.ReadJsonAsync(response, OciJsonContext.Default.Cursor, cancellationToken);
    }

    /// <summary>
    /// GetMessages: <c>GET /20180418/streams/{id}/messages?cursor=&amp;limit=</c>. Read on with
    /// <see cref="GetMessagesResponse.NextCursor"/> (the <c>opc-next-cursor</c> header).
    /// </summary>
    public async Task<GetMessagesResponse> GetMessagesAsync(string streamId, string cursor, int? limit = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(cursor);
        if (limit is < 1 or > StreamLimits.MaxGetMessagesLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"GetMessages limit must be between 1 and {StreamLimits.MaxGetMessagesLimit}.");
        }

        var uri = OciUri.Build(_http.BaseAddress, StreamPath(streamId, "/messages"),
            ("cursor", cursor), ("limit", limit?.ToString(CultureInfo.InvariantCulture)));
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await OciHttp.SendAsync(_http, request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var messages = await OciHttp.ReadJsonAsync(response, OciJsonContext.Default.ListMessage, cancellationToken);
        return new GetMessagesResponse(messages, OciHeaders.Get(response, "opc-next-cursor"), OciHeaders.Get(response, OciHeaders.OpcRequestId));
    }

    /// <summary>GetStream: <c>GET /20180418/streams/{id}</c>; its <see cref="StreamInfo.MessagesEndpoint"/> is where the data plane lives.</summary>
    public async Task<StreamInfo> GetStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, OciUri.Build(_http.BaseAddress, StreamPath(streamId, string.Empty)));
        using var response = await OciHttp.SendAsync(_http, request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await OciHttp.ReadJsonAsync(response, OciJsonContext.Default.StreamInfo, cancellationToken);
    }

    /// <summary>ConsumerCommit: <c>POST /20180418/streams/{id}/commit?cursor=</c> commits a group cursor's offsets; answers a new cursor.</summary>
    public Task<Cursor> CommitAsync(string streamId, string cursor, CancellationToken cancellationToken = default) =>
        GroupCursorActionAsync(streamId, "/commit", cursor, cancellationToken);

    /// <summary>ConsumerHeartbeat: <c>POST /20180418/streams/{id}/heartbeat?cursor=</c> keeps a group reservation; answers a new cursor.</summary>
    public Task<Cursor> HeartbeatAsync(string streamId, string cursor, CancellationToken cancellationToken = default) =>
        GroupCursorActionAsync(streamId, "/heartbeat", cursor, cancellationToken);

    private async Task<Cursor> GroupCursorActionAsync(string streamId, string action, string cursor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(cursor);
        var uri = OciUri.Build(_http.BaseAddress, StreamPath(streamId, action), ("cursor", cursor));

        // Committing or heartbeating the same cursor twice has the same effect as once.
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent([]) };
        request.Options.Set(OciRequestOptions.Retryable, true);
        using var response = await OciHttp.SendAsync(_http, request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await OciHttp.ReadJsonAsync(response, OciJsonContext.Default.Cursor, cancellationToken);
    }

    private HttpRequestMessage Post(string streamId, string action, HttpContent content) =>
        new(HttpMethod.Post, OciUri.Build(_http.BaseAddress, StreamPath(streamId, action))) { Content = content };

    private static string StreamPath(string streamId, string action) =>
        BasePath + OciUri.Segment(streamId, nameof(streamId)) + action;
}
