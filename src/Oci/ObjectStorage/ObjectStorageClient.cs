using System.Net;
using System.Runtime.CompilerServices;
using DevHarness.Oci.Http;
using DevHarness.Oci.Signing;

namespace DevHarness.Oci.ObjectStorage;

/// <summary>
/// The Object Storage operations DevHarness needs (docs/oci-facts.md §4), over an <see cref="HttpClient"/> whose
/// <see cref="HttpClient.BaseAddress"/> is the endpoint (the region's, or an emulator's). Signing and
/// retries are handlers on that client (see <see cref="OciServiceCollectionExtensions"/>). Every non-2xx
/// answer becomes an <see cref="OciException"/>. Each path parameter is escaped on its own, as the OCI
/// SDK does, so object names may hold <c>/</c>, spaces, <c>+</c>, <c>%</c>, <c>?</c>, <c>#</c> and any Unicode.
/// </summary>
public sealed class ObjectStorageClient(HttpClient http)
{
    private const string DefaultContentType = "application/octet-stream";
    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));

    /// <summary>GetNamespace: <c>GET /n/</c>, the tenancy's Object Storage namespace.</summary>
    public async Task<string> GetNamespaceAsync(string? compartmentId = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, OciUri.Build(_http.BaseAddress, "/n/", ("compartmentId", compartmentId)));
        using var response = await OciHttp.SendAsync(_http, request, HttpCompletionOption.ResponseContentRead, cancellationToken);

        // The service answers a JSON string; the SDK also accepts a bare text/plain body (docs/oci-facts.md §4).
        if (response.Content.Headers.ContentType?.MediaType == "text/plain")
        {
            return (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        }

        return await OciHttp.ReadJsonAsync(response, OciJsonContext.Default.String, cancellationToken);
    }

    /// <summary>
    /// GetObject, streamed: the answer returns as soon as the headers arrive, and
    /// <see cref="GetObjectResponse.Content"/> reads the body from the connection. A 304 (If-None-Match
    /// matched) is an answer, not an error.
    /// </summary>
    public async Task<GetObjectResponse> GetObjectAsync(
        string namespaceName, string bucketName, string objectName, GetObjectOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ObjectUri(namespaceName, bucketName, objectName, options?.VersionId));
        if (options?.Range is { } range)
        {
            request.Headers.Range = range;
        }

        AddConditions(request, options?.IfMatch, options?.IfNoneMatch);
        var response = await OciHttp.SendAsync(_http, request, HttpCompletionOption.ResponseHeadersRead, cancellationToken, HttpStatusCode.NotModified);
        try
        {
            var content = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new GetObjectResponse(response, content, ObjectHeaders.From(response));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// HeadObject: the object's headers. A missing object throws an <see cref="OciException"/> with
    /// status 404 (the answer has no body, so the code is derived from the status); use
    /// <see cref="TryHeadObjectAsync"/> to get null instead.
    /// </summary>
    public async Task<ObjectHeaders> HeadObjectAsync(
        string namespaceName, string bucketName, string objectName, string? versionId = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, ObjectUri(namespaceName, bucketName, objectName, versionId));
        using var response = await OciHttp.SendAsync(_http, request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return ObjectHeaders.From(response);
    }

    /// <summary>HeadObject, with null for a missing object (404) instead of an exception.</summary>
    public async Task<ObjectHeaders?> TryHeadObjectAsync(
        string namespaceName, string bucketName, string objectName, string? versionId = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await HeadObjectAsync(namespaceName, bucketName, objectName, versionId, cancellationToken);
        }
        catch (OciException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// PutObject: streams <paramref name="body"/> (from its current position; the stream stays open).
    /// Retried automatically only when the stream can seek, because only then can it be sent again.
    /// </summary>
    public async Task<PutObjectResponse> PutObjectAsync(
        string namespaceName, string bucketName, string objectName, Stream body, PutObjectOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.CanRead)
        {
            throw new ArgumentException("The PutObject body stream is not readable.", nameof(body));
        }

        var content = new ObjectBodyContent(body, options?.ContentLength);
        content.Headers.TryAddWithoutValidation("Content-Type", options?.ContentType ?? DefaultContentType);
        if (options?.ContentMd5 is { } md5)
        {
            content.Headers.TryAddWithoutValidation("Content-MD5", md5);
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, ObjectUri(namespaceName, bucketName, objectName, versionId: null)) { Content = content };
        request.Options.Set(OciRequestOptions.Retryable, content.CanRewind);

        // OCI signs PutObject without the body headers, so the body is streamed, not hashed (docs/oci-facts.md §5).
        request.Options.Set(RequestSigningHandler.Strategy, SigningStrategy.ExcludeBody);
        AddConditions(request, options?.IfMatch, options?.IfNoneMatch);
        foreach (var (key, value) in options?.Metadata ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrEmpty(key) || !request.Headers.TryAddWithoutValidation(OciHeaders.MetadataPrefix + key, value))
            {
                throw new ArgumentException($"Metadata key '{key}' cannot be sent as an opc-meta- header.", nameof(options));
            }
        }

        using var response = await OciHttp.SendAsync(_http, request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return new PutObjectResponse(
            OciHeaders.Get(response, "etag"),
            OciHeaders.Get(response, "opc-content-md5"),
            OciHeaders.GetDate(response, "last-modified"),
            OciHeaders.Get(response, "version-id"),
            OciHeaders.Get(response, OciHeaders.OpcRequestId));
    }

    /// <summary>ListObjects: one page (at most 1000 names; <see cref="ListObjects.NextStartWith"/> names the next).</summary>
    public async Task<ListObjects> ListObjectsAsync(
        string namespaceName, string bucketName, ListObjectsOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.Limit is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Limit, "ListObjectsOptions.Limit must be at least 1.");
        }

        var path = $"/n/{OciUri.Segment(namespaceName, nameof(namespaceName))}/b/{OciUri.Segment(bucketName, nameof(bucketName))}/o";
        var uri = OciUri.Build(_http.BaseAddress, path,
            ("prefix", options?.Prefix),
            ("start", options?.Start),
            ("end", options?.End),
            ("startAfter", options?.StartAfter),
            ("limit", options?.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("delimiter", options?.Delimiter),
            ("fields", options?.Fields));
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await OciHttp.SendAsync(_http, request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await OciHttp.ReadJsonAsync(response, OciJsonContext.Default.ListObjects, cancellationToken);
    }

    /// <summary>
    /// Every object matching <paramref name="options"/>, page after page: each next page starts at the
    /// previous page's <c>nextStartWith</c>, as the SDK documents (docs/oci-facts.md §4).
    /// </summary>
    public async IAsyncEnumerable<ObjectSummary> ListAllObjectsAsync(
        string namespaceName, string bucketName, ListObjectsOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = options ?? new ListObjectsOptions();
        while (true)
        {
            var listing = await ListObjectsAsync(namespaceName, bucketName, page, cancellationToken);
            foreach (var summary in listing.Objects ?? [])
            {
                yield return summary;
            }

            if (string.IsNullOrEmpty(listing.NextStartWith))
            {
                yield break;
            }

            if (string.Equals(listing.NextStartWith, page.Start, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"ListObjects returned nextStartWith '{listing.NextStartWith}' equal to the start it was given; the listing would never end.");
            }

            page = page with { Start = listing.NextStartWith, StartAfter = null };
        }
    }

    /// <summary>DeleteObject (204).</summary>
    public async Task<DeleteObjectResponse> DeleteObjectAsync(
        string namespaceName, string bucketName, string objectName, DeleteObjectOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, ObjectUri(namespaceName, bucketName, objectName, options?.VersionId));
        AddConditions(request, options?.IfMatch, ifNoneMatch: null);
        using var response = await OciHttp.SendAsync(_http, request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return new DeleteObjectResponse(
            OciHeaders.Get(response, OciHeaders.OpcRequestId),
            OciHeaders.Get(response, "version-id"),
            string.Equals(OciHeaders.Get(response, "is-delete-marker"), "true", StringComparison.OrdinalIgnoreCase),
            OciHeaders.GetDate(response, "last-modified"));
    }

    /// <summary>CreateBucket: <c>POST /n/{ns}/b/</c>. Not retried automatically (a retry after a lost answer would meet a conflict).</summary>
    public async Task<Bucket> CreateBucketAsync(string namespaceName, CreateBucketDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var uri = OciUri.Build(_http.BaseAddress, $"/n/{OciUri.Segment(namespaceName, nameof(namespaceName))}/b/");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = OciHttp.JsonBody(details, OciJsonContext.Default.CreateBucketDetails) };
        using var response = await OciHttp.SendAsync(_http, request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await OciHttp.ReadJsonAsync(response, OciJsonContext.Default.Bucket, cancellationToken);
    }

    /// <summary>GetBucket: <c>GET /n/{ns}/b/{bucket}</c>.</summary>
    public async Task<Bucket> GetBucketAsync(string namespaceName, string bucketName, CancellationToken cancellationToken = default)
    {
        var uri = OciUri.Build(_http.BaseAddress,
            $"/n/{OciUri.Segment(namespaceName, nameof(namespaceName))}/b/{OciUri.Segment(bucketName, nameof(bucketName))}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await OciHttp.SendAsync(_http, request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await OciHttp.ReadJsonAsync(response, OciJsonContext.Default.Bucket, cancellationToken);
    }

    private Uri ObjectUri(string namespaceName, string bucketName, string objectName, string? versionId)
    {
        var path = $"/n/{OciUri.Segment(namespaceName, nameof(namespaceName))}/b/{OciUri.Segment(bucketName, nameof(bucketName))}/o/{OciUri.Segment(objectName, nameof(objectName))}";
        return OciUri.Build(_http.BaseAddress, path, ("versionId", versionId));
    }

    // OCI ETags are unquoted (docs/oci-facts.md §4), which .NET's typed If-Match header would reject.
    private static void AddConditions(HttpRequestMessage request, string? ifMatch, string? ifNoneMatch)
    {
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("if-match", ifMatch);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("if-none-match", ifNoneMatch);
        }
    }
}
