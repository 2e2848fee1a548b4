using System.Globalization;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>Timestamps in the JSON bodies of the operations added beside the core API: RFC 3339 in UTC with milliseconds, as OCI writes them.</summary>
internal static class WireTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
}
