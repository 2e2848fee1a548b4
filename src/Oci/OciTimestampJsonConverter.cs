using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DevHarness.Oci;

/// <summary>
/// OCI's JSON timestamps: RFC 3339 in UTC with milliseconds and <c>Z</c>
/// (<c>2020-11-03T21:52:58.470Z</c>, docs/oci-facts.md §2.4), which strict parsers and the SDKs' models
/// expect; System.Text.Json's default (<c>…T18:29:55.1171509+00:00</c>) is not what OCI writes. Any RFC 3339
/// form is read.
/// </summary>
public sealed class OciTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>The format OCI writes, for callers that write timestamps by hand.</summary>
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
