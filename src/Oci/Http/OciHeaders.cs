using System.Globalization;
using System.Net.Http.Headers;

namespace DevHarness.Oci.Http;

/// <summary>
/// Reads OCI response headers verbatim. OCI sends ETags unquoted (<c>ETag: f8ffb6e9-…</c>), which .NET's
/// typed <c>ETag</c> parser rejects, so every header is read through the non-validated view.
/// </summary>
internal static class OciHeaders
{
    public const string OpcRequestId = "opc-request-id";
    public const string OpcClientRequestId = "opc-client-request-id";
    public const string MetadataPrefix = "opc-meta-";

    /// <summary>The first value of <paramref name="name"/> in the response or content headers, or null.</summary>
    public static string? Get(HttpResponseMessage response, string name)
    {
        if (response.Headers.NonValidated.TryGetValues(name, out var values))
        {
            return First(values);
        }

        return response.Content.Headers.NonValidated.TryGetValues(name, out values) ? First(values) : null;
    }

    /// <summary>An RFC 1123 date header (<c>last-modified</c>), or null when absent or unparsable.</summary>
    public static DateTimeOffset? GetDate(HttpResponseMessage response, string name) =>
        Get(response, name) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;

    /// <summary>The user metadata (<c>opc-meta-*</c> headers), keys without the prefix.</summary>
    public static IReadOnlyDictionary<string, string> GetMetadata(HttpResponseMessage response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.NonValidated)
        {
            if (name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > MetadataPrefix.Length)
            {
                metadata[name[MetadataPrefix.Length..]] = First(values) ?? string.Empty;
            }
        }

        return metadata;
    }

    private static string? First(HeaderStringValues values)
    {
        foreach (var value in values)
        {
            return value;
        }

        return null;
    }
}
