using DevHarness.Oci.Auth;

namespace DevHarness.Oci;

/// <summary>How a DI-registered OCI client reaches its service.</summary>
public sealed class OciClientOptions
{
    /// <summary>
    /// The service endpoint: for Object Storage e.g. <c>https://objectstorage.us-phoenix-1.oraclecloud.com</c>
    /// or the emulator's URL; for Streaming the stream's messages endpoint (docs/oci-facts.md §2.1).
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The credential requests are signed with; null sends them unsigned (emulators that do not verify).</summary>
    public IKeyProvider? KeyProvider { get; set; }

    /// <summary>Retry behaviour; null turns automatic retries off.</summary>
    public OciRetryOptions? Retry { get; set; } = new();

    internal void Validate(string clientName)
    {
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                $"{clientName}: OciClientOptions.Endpoint must be an absolute http(s) URL (found '{Endpoint?.OriginalString ?? "nothing"}').");
        }

        Retry?.Validate();
    }
}
