using System.Net;
using System.Net.Http.Headers;

namespace DevHarness.Oci.ObjectStorage;

/// <summary>
/// An object being read: the headers are here, the body is <see cref="Content"/>, streamed from the
/// connection (never buffered). Dispose it to release the connection.
/// </summary>
public sealed class GetObjectResponse : IAsyncDisposable, IDisposable
{
    private readonly HttpResponseMessage _response;

    internal GetObjectResponse(HttpResponseMessage response, Stream content, ObjectHeaders headers)
    {
        _response = response;
        Content = content;
        Headers = headers;
    }

    /// <summary>200, 206 (a range) or 304 (If-None-Match matched: <see cref="Content"/> is empty).</summary>
    public HttpStatusCode StatusCode => _response.StatusCode;

    /// <summary>The body as it arrives.</summary>
    public Stream Content { get; }

    /// <summary>Every object header at once (also reachable through the shortcuts below).</summary>
    public ObjectHeaders Headers { get; }

    public long? ContentLength => Headers.ContentLength;

    public string? ContentType => Headers.ContentType;

    public string? ETag => Headers.ETag;

    public string? ContentMd5 => Headers.ContentMd5;

    public DateTimeOffset? LastModified => Headers.LastModified;

    /// <summary>The range served, on a 206.</summary>
    public ContentRangeHeaderValue? ContentRange => _response.Content.Headers.ContentRange;

    /// <summary>User metadata (<c>opc-meta-*</c>), keys without the prefix.</summary>
    public IReadOnlyDictionary<string, string> Metadata => Headers.Metadata;

    public string? OpcRequestId => Headers.OpcRequestId;

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        _response.Dispose();
    }

    public void Dispose()
    {
        Content.Dispose();
        _response.Dispose();
    }
}
