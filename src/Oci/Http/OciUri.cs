using System.Text;

namespace DevHarness.Oci.Http;

/// <summary>
/// Builds request URIs whose path segments and query values keep exactly the escaping OCI expects.
/// Each path parameter is escaped as <see cref="Uri.EscapeDataString(string)"/> does, which is what the
/// OCI .NET SDK does (docs/oci-facts.md §4: <c>/</c> becomes <c>%2F</c>), and the URI is created with path
/// canonicalization off so that <see cref="Uri"/> neither unescapes nor removes dot segments (an object
/// named <c>..</c> or <c>a/../b</c> must reach the service, and the signer, unchanged).
/// </summary>
internal static class OciUri
{
    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    /// <summary>Escapes one path parameter, or throws if it is empty.</summary>
    public static string Segment(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, parameterName);
        return Uri.EscapeDataString(value);
    }

    /// <summary>
    /// <paramref name="baseAddress"/> (scheme, authority and any base path) followed by
    /// <paramref name="escapedPath"/> (already escaped, starting with <c>/</c>) and the query parameters
    /// that have a value, in the given order.
    /// </summary>
    public static Uri Build(Uri? baseAddress, string escapedPath, params ReadOnlySpan<(string Name, string? Value)> query)
    {
        if (baseAddress is null || !baseAddress.IsAbsoluteUri)
        {
            throw new InvalidOperationException(
                "The HttpClient has no absolute BaseAddress: set it to the service endpoint (for example https://objectstorage.us-phoenix-1.oraclecloud.com or the emulator's URL).");
        }

        var text = new StringBuilder(baseAddress.GetLeftPart(UriPartial.Authority));
        text.Append(baseAddress.AbsolutePath.TrimEnd('/'));
        text.Append(escapedPath);
        var separator = '?';
        foreach (var (name, value) in query)
        {
            if (value is null)
            {
                continue;
            }

            text.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return new Uri(text.ToString(), Verbatim);
    }
}
