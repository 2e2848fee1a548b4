namespace DevHarness.Oci;

/// <summary>Per-request settings the clients attach for the handlers below them.</summary>
public static class OciRequestOptions
{
    /// <summary>
    /// Whether the resilience handler may send this request again after a transient failure. When
    /// absent, the method decides (GET, HEAD, DELETE, PUT, OPTIONS yes; POST, PATCH no). The clients
    /// set it explicitly: PutObject only when its body stream can be rewound, PutMessages never
    /// (its partial failures are retried entry by entry by the caller).
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> Retryable = new("DevHarness.Oci.Retryable");
}
