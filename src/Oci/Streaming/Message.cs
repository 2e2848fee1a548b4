using System.Text.Json.Serialization;

namespace DevHarness.Oci.Streaming;

/// <summary>
/// One message returned by <c>GetMessages</c>; <see cref="Stream"/> is the stream's name. A message put
/// without a key has <c>"key": null</c> on the wire, as OCI writes it, not a missing field.
/// </summary>
public sealed record Message(
    string Stream,
    string Partition,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] byte[]? Key,
    byte[] Value,
    long Offset,
    DateTimeOffset Timestamp);
