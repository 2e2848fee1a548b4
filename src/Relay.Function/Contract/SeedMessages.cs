using DevHarness.Oci.Streaming;

namespace DevHarness.Relay.Contract;

/// <summary>
/// Format <c>seed</c>: exactly what the original function publishes (oracle-devrel/oci-fn-streaming,
/// func.py): one PutMessages request with key <c>event-key-1</c> → the request body as received, and key
/// <c>data-key-1</c> → the object's bytes. That function base64-encodes both before handing them to the
/// SDK, which sends them as the wire's base64 fields, so consumers decode raw bytes: no extra encoding.
/// </summary>
internal static class SeedMessages
{
    public static ReadOnlySpan<byte> EventKey => "event-key-1"u8;

    public static ReadOnlySpan<byte> DataKey => "data-key-1"u8;

    /// <summary>
    /// The largest object that still fits: the original sent both messages in one request, and a request
    /// (keys + values) is at most 1 MiB (docs/oci-facts.md §2.5); the Kafka framing allowance is kept as well.
    /// </summary>
    public static long MaxObjectBytes(int eventBytes) =>
        StreamLimits.MaxRequestBytes - DataChunkLayout.FramingAllowance - EventKey.Length - DataKey.Length - eventBytes;

    public static RelayMessage Event(byte[] body) => new(EventKey.ToArray(), body);

    public static RelayMessage Data(byte[] content) => new(DataKey.ToArray(), content);
}
