namespace DevHarness.Relay.Hosting;

/// <summary>
/// The JSON body of a <c>POST /call</c> answer. Success: <see cref="Status"/> <c>relayed</c> or
/// <c>ignored</c> with what was published. Failure: <see cref="Error"/> (a stable code), the offending
/// <see cref="Field"/> when the input is at fault, the OCI error <see cref="Code"/> when a service refused,
/// and a <see cref="Message"/> a user can act on.
/// </summary>
internal sealed record CallResponse
{
    public string? Status { get; init; }

    public string? EventId { get; init; }

    public string? EventType { get; init; }

    public string? Object { get; init; }

    public string? Data { get; init; }

    public long? Bytes { get; init; }

    public int? Messages { get; init; }

    public string? Partitions { get; init; }

    public long? FirstOffset { get; init; }

    public long? LastOffset { get; init; }

    public string? Error { get; init; }

    public string? Field { get; init; }

    /// <summary>OCI's error code (<c>BucketNotFound</c>, <c>NotAuthorizedOrNotFound</c>, …) when an OCI service refused.</summary>
    public string? Code { get; init; }

    public string? Message { get; init; }
}
