namespace DevHarness.Oci.Signing;

/// <summary>The header names OCI's signature scheme works with (docs/oci-facts.md §5; the SDKs' Constants).</summary>
internal static class SignatureHeaders
{
    public const string Date = "date";
    public const string XDate = "x-date";
    public const string RequestTarget = "(request-target)";
    public const string Host = "host";
    public const string ContentLength = "content-length";
    public const string ContentType = "content-type";
    public const string ContentSha256 = "x-content-sha256";
    public const string Authorization = "authorization";

    /// <summary>base64(SHA-256 of no bytes): what an empty POST/PUT body is signed with.</summary>
    public const string EmptyBodySha256 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    /// <summary>The methods whose body OCI signs under <see cref="SigningStrategy.Standard"/>.</summary>
    public static bool HasSignedBody(string method) =>
        method.Equals("POST", StringComparison.OrdinalIgnoreCase)
        || method.Equals("PUT", StringComparison.OrdinalIgnoreCase)
        || method.Equals("PATCH", StringComparison.OrdinalIgnoreCase);

    /// <summary>The body headers, in the order the SDKs sign them.</summary>
    public static readonly string[] Body = [ContentLength, ContentType, ContentSha256];

    /// <summary>Signed in addition when present (.NET SDK <c>OPTIONAL_HEADERS_NAMES</c>).</summary>
    public static readonly string[] Optional = ["opc-obo-token", "x-cross-tenancy-request", "x-subscription"];
}
