using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DevHarness.Oci.Signing;

/// <summary>
/// A received request, as <see cref="SignatureVerifier"/> needs it: what was on the wire, not what a
/// framework decoded from it.
/// </summary>
/// <param name="Method">The HTTP method, any case.</param>
/// <param name="PathAndQuery">The request target exactly as sent (<c>/n/ns/b/bkt/o/a%2Fb?x=1</c>), escapes preserved.</param>
/// <param name="Headers">Every header; look-ups are case-insensitive. Repeated headers joined with <c>", "</c>.</param>
/// <param name="Body">The body bytes, or null when there is none.</param>
public sealed record SignedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[]? Body)
{
    /// <summary>
    /// Captures an ASP.NET Core request (Kestrel, WireMock.Net's host): the raw request target and every
    /// header. The body is captured only when the signature covers it (<c>content-length</c> or
    /// <c>x-content-sha256</c> signed); it is then buffered and rewound so the endpoint can still read it.
    /// An exclude-body upload (PutObject, PutMessages) is therefore never buffered, whatever its size.
    /// A server should rather verify with <see cref="FromHttpRequestHeaders"/> and
    /// <see cref="SignatureVerifier.VerifyHeaders"/>, which refuse an unsigned body before reading it.
    /// </summary>
    public static async Task<SignedRequest> FromHttpRequestAsync(HttpRequest request, CancellationToken ct)
    {
        var signed = FromHttpRequestHeaders(request);
        if (!SignatureCoversBody(signed.Headers))
        {
            return signed;
        }

        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        request.Body.Position = 0;
        return signed with { Body = buffer.ToArray() };
    }

    /// <summary>
    /// Captures an ASP.NET Core request's raw target and headers, never its body (<see cref="Body"/> is null):
    /// what <see cref="SignatureVerifier.VerifyHeaders"/> needs.
    /// </summary>
    public static SignedRequest FromHttpRequestHeaders(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Path and QueryString are decoded and re-encoded by ASP.NET; the signature covers the raw target.
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget))
        {
            rawTarget = request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        }
        else if (rawTarget.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || rawTarget.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // Absolute-form target (a request sent through a proxy): (request-target) is its path and query.
            var pathStart = rawTarget.IndexOf('/', rawTarget.IndexOf("://", StringComparison.Ordinal) + 3);
            rawTarget = pathStart < 0 ? "/" : rawTarget[pathStart..];
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(", ", values.ToArray());
        }

        return new SignedRequest(request.Method, rawTarget, headers, null);
    }

    private static bool SignatureCoversBody(IReadOnlyDictionary<string, string> headers) =>
        headers.TryGetValue(SignatureHeaders.Authorization, out var authorization)
        && SignatureParameters.TryParse(authorization, out var parameters, out _)
        && parameters.Headers.Any(name =>
            name.Equals(SignatureHeaders.ContentLength, StringComparison.OrdinalIgnoreCase)
            || name.Equals(SignatureHeaders.ContentSha256, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Captures an outgoing <see cref="HttpRequestMessage"/> as it will be sent (after signing): useful to
    /// check a signature locally. Buffers the content, which stays sendable.
    /// </summary>
    public static async Task<SignedRequest> FromHttpRequestMessageAsync(HttpRequestMessage request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no RequestUri.", nameof(request));

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            headers[name] = string.Join(", ", values);
        }

        byte[]? body = null;
        if (request.Content is not null)
        {
            body = await request.Content.ReadAsByteArrayAsync(ct);
            // Reading ContentLength computes and stores it, so the header enumeration below includes it.
            _ = request.Content.Headers.ContentLength;
            foreach (var (name, values) in request.Content.Headers.NonValidated)
            {
                headers[name] = string.Join(", ", values);
            }
        }

        headers.TryAdd("host", uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}");
        return new SignedRequest(request.Method.Method, uri.PathAndQuery, headers, body);
    }
}
