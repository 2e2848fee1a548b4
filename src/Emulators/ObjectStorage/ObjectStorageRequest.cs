using System.Diagnostics;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// What the host middleware around WireMock hands to the API callbacks for one request: the real
/// <see cref="HttpContext"/> (raw target, case-insensitive headers), the staged PutObject body, and the
/// object range to stream once WireMock has written the status and headers. Flows through
/// <see cref="Current"/> because WireMock calls callbacks in the request's own async flow.
/// </summary>
internal sealed class ObjectStorageRequest(HttpContext http, string rawTarget, ActivityContext traceContext)
{
    private static readonly AsyncLocal<ObjectStorageRequest?> CurrentRequest = new();

    public static ObjectStorageRequest? Current
    {
        get => CurrentRequest.Value;
        set => CurrentRequest.Value = value;
    }

    public HttpContext Http { get; } = http;

    public string RawTarget { get; } = rawTarget;

    /// <summary>The trace context the request arrived with; object events are emitted under it.</summary>
    public ActivityContext TraceContext { get; } = traceContext;

    public StagedUpload? Upload { get; set; }

    public (ObjectContent Content, long Offset, long Length)? Download { get; set; }

    /// <summary>The body of a small (non-object) request, as WireMock read it.</summary>
    public byte[]? SmallBody { get; set; }
}
