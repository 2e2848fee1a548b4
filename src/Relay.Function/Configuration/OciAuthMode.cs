namespace DevHarness.Relay.Configuration;

/// <summary>How requests to Object Storage and the Streaming REST API are signed (<c>Oci:Auth</c>).</summary>
internal enum OciAuthMode
{
    /// <summary>Resource principal when its variables are present, else an API key when one is configured, else none.</summary>
    Auto,

    /// <summary>Unsigned requests: only for emulators that do not verify signatures.</summary>
    None,

    /// <summary>An API key from a config-file profile or from the original function's variables.</summary>
    ApiKey,

    /// <summary>The OCI Functions resource principal (v2.2 variables).</summary>
    ResourcePrincipal,
}
