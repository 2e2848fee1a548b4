using System.Text.Json.Serialization;

namespace DevHarness.Oci.Streaming;

/// <summary>Where a partition cursor starts (docs/oci-facts.md §2.3); group cursors take only the last three.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CursorType>))]
public enum CursorType
{
    [JsonStringEnumMemberName("AFTER_OFFSET")] AfterOffset,
    [JsonStringEnumMemberName("AT_OFFSET")] AtOffset,
    [JsonStringEnumMemberName("AT_TIME")] AtTime,
    [JsonStringEnumMemberName("LATEST")] Latest,
    [JsonStringEnumMemberName("TRIM_HORIZON")] TrimHorizon,
}
