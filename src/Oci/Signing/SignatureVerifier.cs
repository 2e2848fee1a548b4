using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DevHarness.Oci.Signing;

/// <summary>
/// Checks OCI request signatures the way OCI does, for the emulators' strict mode (docs/oci-facts.md §5):
/// parameters in any order, at least <c>date (request-target) host</c> signed (<c>x-date</c> may stand for
/// <c>date</c>), on POST/PUT/PATCH either all of <c>content-length content-type x-content-sha256</c> or none
/// (the exclude-body operations), the digest and length matching the body, at most 5 minutes of clock
/// skew, and an RSA-SHA256 signature from a trusted key. Every refusal names its reason.
/// </summary>
public sealed class SignatureVerifier
{
    /// <summary>OCI refuses a request whose date is further than this from its clock.</summary>
    public static TimeSpan MaxClockSkew { get; } = TimeSpan.FromMinutes(5);

    private static readonly string[] RequiredBesideDate = [SignatureHeaders.RequestTarget, SignatureHeaders.Host];

    private readonly Dictionary<string, RSA> _byKeyId = new(StringComparer.Ordinal);
    private readonly List<RSA> _anyKeyId = [];
    private readonly TimeProvider _time;

    /// <param name="keys">The trusted keys; one with a null keyId is tried for any keyId.</param>
    /// <param name="time">The clock skew is measured against; the system clock when null.</param>
    public SignatureVerifier(IEnumerable<TrustedKey> keys, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key);
            if (key.KeyId is null)
            {
                _anyKeyId.Add(key.PublicKey);
            }
            else if (!_byKeyId.TryAdd(key.KeyId, key.PublicKey))
            {
                throw new ArgumentException($"Two trusted keys share the keyId {key.KeyId}.", nameof(keys));
            }
        }

        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Verifies one request, its body included (<see cref="SignedRequest.Body"/>; null is an empty body);
    /// never throws for bad input, it says why instead.
    /// </summary>
    public SignatureVerification Verify(SignedRequest request) => Check(request, checkBody: true);

    /// <summary>
    /// Verifies everything the headers carry — the signature itself included, since it covers the signed
    /// <c>content-length</c> and <c>x-content-sha256</c> — without the body, so a server can refuse an
    /// unsigned upload before reading a byte of it. A valid result's <see cref="SignatureVerification.Body"/>
    /// says what the body must still prove while it is read (<see cref="SignedBody.Verifying"/>).
    /// </summary>
    public SignatureVerification VerifyHeaders(SignedRequest request) => Check(request, checkBody: false);

    private SignatureVerification Check(SignedRequest request, bool checkBody)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = CaseInsensitive(request.Headers);

        if (!headers.TryGetValue(SignatureHeaders.Authorization, out var authorization))
        {
            return SignatureVerification.Invalid("missing header authorization");
        }

        if (!SignatureParameters.TryParse(authorization, out var parameters, out var failure))
        {
            return SignatureVerification.Invalid(failure);
        }

        SignedBody? signedBody = null;
        failure = CheckParameters(parameters)
            ?? CheckSignedHeaderList(request.Method, parameters.Headers)
            ?? CheckHeadersPresent(parameters.Headers, headers)
            ?? CheckDate(parameters.Headers, headers)
            ?? CheckSignedBody(parameters.Headers, headers, out signedBody);
        if (failure is null && checkBody && signedBody is not null)
        {
            var body = request.Body ?? [];
            failure = signedBody.Check(body.LongLength, () => Convert.ToBase64String(SHA256.HashData(body)));
        }

        if (failure is not null)
        {
            return SignatureVerification.Invalid(failure);
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(parameters.Signature);
        }
        catch (FormatException)
        {
            return SignatureVerification.Invalid("signature is not valid base64");
        }

        var candidates = Candidates(parameters.KeyId);
        if (candidates.Count == 0)
        {
            return SignatureVerification.Invalid($"unknown keyId {Abbreviate(parameters.KeyId)}");
        }

        var signingString = Encoding.UTF8.GetBytes(SigningString.Build(
            request.Method, request.PathAndQuery, parameters.Headers, name => headers[name]));
        foreach (var key in candidates)
        {
            if (key.VerifyData(signingString, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return SignatureVerification.Valid(parameters.KeyId, checkBody ? null : signedBody);
            }
        }

        return SignatureVerification.Invalid("signature does not verify");
    }

    private static string? CheckParameters(SignatureParameters parameters)
    {
        if (parameters.Version is not null && parameters.Version != SignatureParameters.SupportedVersion)
        {
            return $"signature version {parameters.Version} is not supported (expected {SignatureParameters.SupportedVersion})";
        }

        if (!parameters.Algorithm.Equals(SignatureParameters.SupportedAlgorithm, StringComparison.OrdinalIgnoreCase))
        {
            return $"algorithm {parameters.Algorithm} is not supported (expected {SignatureParameters.SupportedAlgorithm})";
        }

        return parameters.KeyId.Length == 0 ? "keyId is empty" : null;
    }

    private static string? CheckSignedHeaderList(string method, IReadOnlyList<string> signed)
    {
        bool Lists(string name) => signed.Contains(name, StringComparer.OrdinalIgnoreCase);

        if (!Lists(SignatureHeaders.Date) && !Lists(SignatureHeaders.XDate))
        {
            return "signed headers do not include date or x-date";
        }

        foreach (var required in RequiredBesideDate)
        {
            if (!Lists(required))
            {
                return $"signed headers do not include {required}";
            }
        }

        if (SignatureHeaders.HasSignedBody(method))
        {
            // OCI accepts the full body set or none of it (PutObject, UploadPart, PutMessages): not part of it.
            var absent = SignatureHeaders.Body.Where(name => !Lists(name)).ToList();
            if (absent.Count is > 0 and < 3)
            {
                return $"signed headers include {string.Join(", ", SignatureHeaders.Body.Except(absent))} but not {string.Join(", ", absent)}";
            }
        }

        return null;
    }

    private static string? CheckHeadersPresent(IReadOnlyList<string> signed, Dictionary<string, string> headers)
    {
        var missing = signed.FirstOrDefault(name =>
            !name.Equals(SignatureHeaders.RequestTarget, StringComparison.OrdinalIgnoreCase) && !headers.ContainsKey(name));
        return missing is null ? null : $"missing header {missing.ToLowerInvariant()}";
    }

    private string? CheckDate(IReadOnlyList<string> signed, Dictionary<string, string> headers)
    {
        // x-date stands in for date when the client signed it (browsers cannot set date).
        var name = signed.Contains(SignatureHeaders.XDate, StringComparer.OrdinalIgnoreCase) ? SignatureHeaders.XDate : SignatureHeaders.Date;
        var text = headers[name];
        if (!TryParseHttpDate(text, out var date))
        {
            return $"{name} header '{text}' is not an RFC 1123 date";
        }

        var skew = (_time.GetUtcNow() - date).Duration();
        return skew > MaxClockSkew
            ? $"clock skew of {(long)skew.TotalSeconds} seconds exceeds {(long)MaxClockSkew.TotalSeconds}"
            : null;
    }

    private static readonly string[] HttpDateFormats = ["dd MMM yyyy HH':'mm':'ss 'GMT'", "d MMM yyyy HH':'mm':'ss 'GMT'"];

    /// <summary>
    /// RFC 1123 without trusting the weekday: .NET rejects a weekday that disagrees with the date, and
    /// OCI's own test vector says "Thu, 05 Jan 2014" for a Sunday.
    /// </summary>
    private static bool TryParseHttpDate(string text, out DateTimeOffset date)
    {
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        var rest = (comma >= 0 ? text[(comma + 1)..] : text).Trim();
        return DateTimeOffset.TryParseExact(rest, HttpDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
    }

    /// <summary>Reads the signed body headers; a signed content-length must be a number.</summary>
    private static string? CheckSignedBody(IReadOnlyList<string> signed, Dictionary<string, string> headers, out SignedBody? body)
    {
        body = null;
        long? length = null;
        if (signed.Contains(SignatureHeaders.ContentLength, StringComparer.OrdinalIgnoreCase))
        {
            var text = headers[SignatureHeaders.ContentLength];
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return $"content-length '{text}' is not a number";
            }

            length = parsed;
        }

        var sha256 = signed.Contains(SignatureHeaders.ContentSha256, StringComparer.OrdinalIgnoreCase) ? headers[SignatureHeaders.ContentSha256] : null;
        body = length is null && sha256 is null ? null : new SignedBody(length, sha256);
        return null;
    }

    private List<RSA> Candidates(string keyId)
    {
        var candidates = new List<RSA>(_anyKeyId.Count + 1);
        if (_byKeyId.TryGetValue(keyId, out var exact))
        {
            candidates.Add(exact);
        }

        candidates.AddRange(_anyKeyId);
        return candidates;
    }

    private static Dictionary<string, string> CaseInsensitive(IReadOnlyDictionary<string, string> headers)
    {
        var copy = new Dictionary<string, string>(headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            copy[name] = copy.TryGetValue(name, out var earlier) ? $"{earlier}, {value}" : value;
        }

        return copy;
    }

    /// <summary>Session-token keyIds are long and half-secret: an error message shows their start only.</summary>
    private static string Abbreviate(string keyId)
    {
        const int Keep = 60;
        return keyId.Length <= Keep ? keyId : $"{keyId[..Keep]}… ({keyId.Length} characters)";
    }
}
