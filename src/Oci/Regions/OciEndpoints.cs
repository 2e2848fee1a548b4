namespace DevHarness.Oci.Regions;

/// <summary>
/// Where each OCI service is reached: an explicit override when one is given (the emulators'
/// <c>http://127.0.0.1:…</c> URLs, or a stream's private messages endpoint), otherwise the region's
/// public endpoint.
/// </summary>
public sealed class OciEndpoints
{
    private readonly Uri? _objectStorage;
    private readonly Uri? _streaming;

    /// <summary>Creates the endpoint set; any argument may be null.</summary>
    /// <param name="region">The region whose public endpoints fill what is not overridden.</param>
    /// <param name="objectStorage">An absolute http(s) URL that replaces the Object Storage endpoint.</param>
    /// <param name="streaming">An absolute http(s) URL that replaces the Streaming endpoint.</param>
    /// <exception cref="ArgumentException">An override is not an absolute http or https URL.</exception>
    public OciEndpoints(Region? region, Uri? objectStorage = null, Uri? streaming = null)
    {
        Region = region;
        _objectStorage = Validate(objectStorage, nameof(objectStorage));
        _streaming = Validate(streaming, nameof(streaming));
    }

    /// <summary>The region, if one was given.</summary>
    public Region? Region { get; }

    /// <summary>The Object Storage endpoint (see <see cref="Resolve"/>).</summary>
    public Uri ObjectStorage => Resolve(OciService.ObjectStorage);

    /// <summary>The Streaming endpoint (see <see cref="Resolve"/>).</summary>
    public Uri Streaming => Resolve(OciService.Streaming);

    /// <summary>The override for <paramref name="service"/> if there is one, else the region's endpoint.</summary>
    /// <exception cref="InvalidOperationException">Neither an override nor a region is known.</exception>
    public Uri Resolve(OciService service)
    {
        var overridden = service switch
        {
            OciService.ObjectStorage => _objectStorage,
            OciService.Streaming => _streaming,
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, "Unknown OCI service."),
        };
        if (overridden is not null)
        {
            return overridden;
        }

        if (Region is null)
        {
            throw new InvalidOperationException(
                $"No {service} endpoint: configure an OCI region (e.g. us-phoenix-1) or an explicit {service} endpoint URL.");
        }

        return service == OciService.ObjectStorage ? Region.ObjectStorageEndpoint : Region.StreamingEndpoint;
    }

    private static Uri? Validate(Uri? endpoint, string parameter)
    {
        if (endpoint is null)
        {
            return null;
        }

        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The endpoint override '{endpoint}' must be an absolute http or https URL.", parameter);
        }

        return endpoint;
    }
}
