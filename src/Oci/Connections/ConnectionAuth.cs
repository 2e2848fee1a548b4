namespace DevHarness.Oci.Connections;

/// <summary>How a client signs its requests, as a connection string's <c>Auth</c> key names it.</summary>
public enum ConnectionAuth
{
    /// <summary>An API key from an OCI config file profile (<c>ConfigFile</c>, <c>Profile</c>).</summary>
    ApiKey,

    /// <summary>The OCI Functions resource principal.</summary>
    ResourcePrincipal,

    /// <summary>Unsigned requests: an emulator that does not verify signatures.</summary>
    None,
}
