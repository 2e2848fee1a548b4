using DevHarness.Oci.Auth;

namespace DevHarness.Relay.Configuration;

/// <summary>
/// The credential requests are signed with (null: unsigned, for emulators) and the Object Storage
/// endpoint, resolved once at start from <see cref="RelaySettings"/>.
/// </summary>
internal sealed record OciCredentials(IKeyProvider? KeyProvider, Uri ObjectStorageEndpoint, string AuthDescription)
{
    /// <summary>Resolves the credential and endpoint; every problem found is added to <paramref name="problems"/>.</summary>
    public static OciCredentials Resolve(RelaySettings settings, Func<string, string?> getVariable, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(getVariable);
        ArgumentNullException.ThrowIfNull(problems);
        IKeyProvider? provider = null;
        var description = "none";
        switch (settings.Auth)
        {
            case OciAuthMode.ApiKey:
            case OciAuthMode.ResourcePrincipal:
                problems.Add($"Oci:Auth is '{settings.Auth}' but this build cannot sign requests yet; set Oci:Auth=none for emulators.");
                break;
            default:
                break;
        }

        var region = settings.Region ?? getVariable("OCI_RESOURCE_PRINCIPAL_REGION") ?? provider?.Region;
        Uri? endpoint = settings.ObjectStorageEndpoint;
        if (endpoint is null && region is not null)
        {
            endpoint = new Uri($"https://objectstorage.{region}.oraclecloud.com");
        }

        if (endpoint is null)
        {
            problems.Add("ObjectStorage:Endpoint is missing and no region is known: set ObjectStorage:Endpoint "
                + "(e.g. http://127.0.0.1:10100 for the emulator) or Oci:Region (OCI_REGION).");
        }

        return new OciCredentials(provider, endpoint ?? new Uri("http://unconfigured.invalid"), description);
    }
}
