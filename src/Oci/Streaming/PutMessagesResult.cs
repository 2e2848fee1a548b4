using System.Text.Json.Serialization;

namespace DevHarness.Oci.Streaming;

/// <summary>The result of <c>PutMessages</c>: one entry per request entry, in request order.</summary>
public sealed record PutMessagesResult(int Failures, IReadOnlyList<PutMessagesResultEntry> Entries);

/// <summary>
/// Either a success (<see cref="Partition"/>, <see cref="Offset"/>, <see cref="Timestamp"/>) or a
/// failure (<see cref="Error"/>, <see cref="ErrorMessage"/>).
/// </summary>
public sealed record PutMessagesResultEntry(
    string? Partition = null,
    long? Offset = null,
    DateTimeOffset? Timestamp = null,
    string? Error = null,
    string? ErrorMessage = null)
{
    [JsonIgnore]
    public bool IsSuccess => Error is null;
}
