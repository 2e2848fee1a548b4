using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DevHarness.Oci;

/// <summary>
/// OCI's JSON timestamps: RFC 3339 in UTC with milliseconds and <c>Z</c>
/// (<c>2020-11-03T21:52:58.470Z</c>, docs/oci-facts.md §2.4), which strict parsers and the SDKs' models
/// expect; System.Text.Json's default (<c>…T18:29:55.1171509+00:00</c>) is not what OCI writes. Any RFC 3339
/// form is read. The one place timestamps are formatted and parsed: JSON contexts use the converter, code
/// that writes or reads a timestamp by hand (event builders, error messages, request fields) the static methods.
/// </summary>
public sealed class OciTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The timestamp as OCI writes it.</summary>
    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Reads an RFC 3339 timestamp (a time without an offset is taken as UTC).</summary>
    public static bool TryParse(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not an RFC 3339 timestamp.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(ToText(value));
    }
}
