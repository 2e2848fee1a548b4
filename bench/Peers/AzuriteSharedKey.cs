using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DevHarness.Benchmarks.Peers;

/// <summary>
/// Azure Storage's SharedKey authorization for Azurite's well-known development account (its documented
/// name and key), so the peers scenario sends Azurite the signed requests an Azure SDK would.
/// </summary>
internal static class AzuriteSharedKey
{
    public const string Account = "devstoreaccount1";

    public const string Version = "2021-10-04";

    private static readonly byte[] Key = Convert.FromBase64String("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==");

    /// <summary>Adds <c>x-ms-date</c>, <c>x-ms-version</c> and the <c>Authorization</c> header to a request whose other headers are set.</summary>
    public static void Sign(HttpRequestMessage request)
    {
        request.Headers.Add("x-ms-date", DateTime.UtcNow.ToString("R", CultureInfo.InvariantCulture));
        request.Headers.Add("x-ms-version", Version);
        var content = request.Content?.Headers;
        var length = content?.ContentLength is > 0 and var l ? l.ToString()! : "";
        var canonicalHeaders = string.Concat(request.Headers
            .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(",", h.Value)))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .Select(h => $"{h.Name}:{h.Value}\n"));
        // Path-style (Azurite): the account is both the resource's owner and the path's first segment.
        var uri = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(new Uri("http://localhost"), request.RequestUri);
        var resource = new StringBuilder($"/{Account}{uri.AbsolutePath}");
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).OrderBy(p => p[0], StringComparer.Ordinal))
        {
            resource.Append(CultureInfo.InvariantCulture, $"\n{pair[0].ToLowerInvariant()}:{Uri.UnescapeDataString(pair.ElementAtOrDefault(1) ?? "")}");
        }

        var toSign = string.Join("\n",
            request.Method.Method, "", "", length, "", content?.ContentType?.ToString() ?? "", "", "", "", "", "", "") + "\n" + canonicalHeaders + resource;
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(toSign)));
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKey {Account}:{signature}");
    }
}
