using DevHarness.Oci.Streaming;

namespace DevHarness.Relay.Contract;

/// <summary>
/// How an object is cut into <c>relay.objectdata.v1</c> messages: the largest chunk whose message (key +
/// CloudEvents envelope + base64 data) stays within the stream's 1 MiB limit (docs/oci-facts.md §2.2, §2.5), and
/// how many chunks that makes. An empty object is one chunk with empty data, so consumers still learn of it.
/// </summary>
internal sealed record DataChunkLayout(int ChunkSize, long ChunkCount)
{
    /// <summary>
    /// Room kept for the Kafka record framing (record batch header, varints, attributes); OCI counts keys
    /// and values against the same 1 MiB in REST, which this also covers.
    /// </summary>
    public const int FramingAllowance = 512;

    public static DataChunkLayout For(ObjectDescription description, SourceEvent sourceEvent, int keyLength)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(sourceEvent);

        // The envelope is measured with the object size standing in for chunk index and count: no real
        // index or count has more digits, so every chunk's envelope is at most this long.
        var worstEnvelope = CloudEventWriter.DataEnvelopeLength(description, sourceEvent,
            chunkIndex: Math.Max(description.Size, 1), chunkCount: Math.Max(description.Size, 1));
        var base64Budget = StreamLimits.MaxMessageBytes - FramingAllowance - keyLength - worstEnvelope;
        var chunkSize = base64Budget / 4 * 3;
        var count = description.Size == 0 ? 1 : (description.Size + chunkSize - 1) / chunkSize;
        return new DataChunkLayout(chunkSize, count);
    }
}
