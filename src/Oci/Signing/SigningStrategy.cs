namespace DevHarness.Oci.Signing;

/// <summary>Which headers a request's signature covers (docs/oci-facts.md §5).</summary>
public enum SigningStrategy
{
    /// <summary>
    /// <c>date (request-target) host</c>, plus <c>content-length content-type x-content-sha256</c> on
    /// POST, PUT and PATCH (an empty body included).
    /// </summary>
    Standard,

    /// <summary>
    /// <c>date (request-target) host</c> only, whatever the method: what OCI's SDKs use for Object
    /// Storage PutObject and UploadPart and for Streaming PutMessages, so a large body is never hashed
    /// or buffered for signing.
    /// </summary>
    ExcludeBody,
}
