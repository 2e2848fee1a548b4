using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using DevHarness.Oci.Auth;

namespace DevHarness.Oci.Signing;

/// <summary>
/// Signs an <see cref="HttpRequestMessage"/> the way OCI's SDKs do: HTTP Signatures (draft-cavage-08),
/// version 1, RSA-SHA256 with PKCS#1 v1.5 padding, in the <c>Authorization</c> header (docs/oci-facts.md §5).
/// Reproduces the official test vectors byte for byte.
/// </summary>
/// <param name="keys">Where the keyId and the private key come from; read on every request, so rotation applies.</param>
/// <param name="time">The clock that stamps <c>date</c>; the system clock when null.</param>
public sealed class RequestSigner(IKeyProvider keys, TimeProvider? time = null)
{
    private static readonly HttpRequestOptionsKey<bool> DateSetBySigner = new("DevHarness.Oci.Signing.DateSetBySigner");
    private static readonly HttpRequestOptionsKey<bool> HostSetBySigner = new("DevHarness.Oci.Signing.HostSetBySigner");

    private readonly IKeyProvider _keys = keys ?? throw new ArgumentNullException(nameof(keys));
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// Sets <c>date</c> (unless the caller set <c>date</c> or <c>x-date</c>), <c>host</c>, and for
    /// POST/PUT/PATCH under <see cref="SigningStrategy.Standard"/> also <c>content-length</c>,
    /// <c>content-type</c> (default <c>application/json</c>) and <c>x-content-sha256</c> — an absent body
    /// is signed as an empty one — then signs and sets <c>Authorization</c>. Signing the same message
    /// again (a retry) re-stamps a date the signer set and replaces the signature.
    /// </summary>
    /// <exception cref="ArgumentException">The request has no absolute URI.</exception>
    public async Task SignAsync(HttpRequestMessage request, SigningStrategy strategy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new ArgumentException("Only a request with an absolute RequestUri can be signed: host and path are part of the signature.", nameof(request));
        }

        var headers = request.Headers;
        var names = new List<string>(9) { StampDate(request), SignatureHeaders.RequestTarget, SignatureHeaders.Host };

        // Set Host explicitly so the value signed is the value sent (SocketsHttpHandler would derive the
        // same authority, but an explicit header cannot drift from the signature). A Host we set is set
        // again on every attempt, in case the URI changed between attempts; a caller's Host is kept.
        if (headers.Host is null || (request.Options.TryGetValue(HostSetBySigner, out var ownHost) && ownHost))
        {
            headers.Host = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
            request.Options.Set(HostSetBySigner, true);
        }

        if (strategy == SigningStrategy.Standard && SignatureHeaders.HasSignedBody(request.Method.Method))
        {
            await SetBodyHeadersAsync(request, ct);
            names.AddRange(SignatureHeaders.Body);
        }

        names.AddRange(SignatureHeaders.Optional.Where(headers.Contains));

        var signingString = SigningString.Build(request.Method.Method, uri.PathAndQuery, names, name => HeaderValue(request, name));

        var (keyId, key) = KeyPair();
        var signature = key.SignData(Encoding.UTF8.GetBytes(signingString), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var parameters = new SignatureParameters(SignatureParameters.SupportedVersion, names, keyId, SignatureParameters.SupportedAlgorithm, Convert.ToBase64String(signature));

        headers.Remove(SignatureHeaders.Authorization);
        headers.TryAddWithoutValidation(SignatureHeaders.Authorization, parameters.Format());
    }

    private (string KeyId, RSA Key) KeyPair()
    {
        if (_keys is IRotatingKeyProvider rotating)
        {
            return rotating.CurrentKeyPair();
        }

        // keyId before the key, as the OCI .NET SDK does.
        var keyId = _keys.KeyId;
        return (keyId, _keys.PrivateKey);
    }

    private string StampDate(HttpRequestMessage request)
    {
        var headers = request.Headers;
        var ownDate = request.Options.TryGetValue(DateSetBySigner, out var owned) && owned;
        if (ownDate || (!headers.Contains(SignatureHeaders.Date) && !headers.Contains(SignatureHeaders.XDate)))
        {
            // A date we stamped is stamped again on every attempt: a retry after a long backoff must not
            // carry a date outside OCI's 5-minute window. A caller's own date is left alone.
            headers.Date = _time.GetUtcNow();
            request.Options.Set(DateSetBySigner, true);
            return SignatureHeaders.Date;
        }

        return headers.Contains(SignatureHeaders.Date) ? SignatureHeaders.Date : SignatureHeaders.XDate;
    }

    private static async Task SetBodyHeadersAsync(HttpRequestMessage request, CancellationToken ct)
    {
        // OCI signs an empty POST/PUT body too (docs/oci-facts.md §5); the SDKs send it as application/json.
        var content = request.Content ??= new ByteArrayContent([]);
        content.Headers.ContentType ??= new MediaTypeHeaderValue("application/json");

        // Reading buffers the content, so a one-shot stream is still sendable afterwards (and resendable).
        var body = await content.ReadAsByteArrayAsync(ct);
        content.Headers.ContentLength = body.LongLength;
        content.Headers.Remove(SignatureHeaders.ContentSha256);
        request.Headers.Remove(SignatureHeaders.ContentSha256);
        request.Headers.TryAddWithoutValidation(SignatureHeaders.ContentSha256, Convert.ToBase64String(SHA256.HashData(body)));
    }

    private static string HeaderValue(HttpRequestMessage request, string name)
    {
        if (request.Headers.TryGetValues(name, out var values)
            || (request.Content is not null && request.Content.Headers.TryGetValues(name, out values)))
        {
            return string.Join(", ", values);
        }

        throw new InvalidOperationException($"Cannot sign: the request has no {name} header.");
    }
}
