using DevHarness.Oci.Auth;
using DevHarness.Oci.Config;
using DevHarness.Oci.Regions;

namespace DevHarness.Relay.Configuration;

/// <summary>
/// The credential requests are signed with (null: unsigned, for emulators) and the Object Storage
/// endpoint, resolved once at start from <see cref="RelaySettings"/> (docs/oci-facts.md §6).
/// </summary>
internal sealed record OciCredentials(IKeyProvider? KeyProvider, Uri ObjectStorageEndpoint, string AuthDescription)
{
    /// <summary>Resolves the credential and endpoint; every problem found is added to <paramref name="problems"/>.</summary>
    public static OciCredentials Resolve(RelaySettings settings, Func<string, string?> getVariable, ConfigurationProblems problems)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(getVariable);
        ArgumentNullException.ThrowIfNull(problems);
        var (provider, description) = CreateProvider(settings, getVariable, problems);

        var endpoint = settings.ObjectStorageEndpoint;
        var regionText = settings.Region ?? provider?.Region;
        if (endpoint is null && regionText is not null)
        {
            if (Region.TryParse(regionText, out var region))
            {
                endpoint = region.ObjectStorageEndpoint;
            }
            else
            {
                problems.Add("Oci:Region", $"Oci:Region (OCI_REGION) is '{regionText}', which is not a region id or code (e.g. us-phoenix-1 or phx).");
            }
        }
        else if (endpoint is null && !problems.Concern("ObjectStorage:Endpoint"))
        {
            // Not when a value was given but unusable: that was reported already, as what it is.
            problems.Add("ObjectStorage:Endpoint", "ObjectStorage:Endpoint is missing and no region is known: set ObjectStorage:Endpoint "
                + "(e.g. http://127.0.0.1:10100 for the emulator), ConnectionStrings:objectstorage, or Oci:Region (OCI_REGION).");
        }

        return new OciCredentials(provider, endpoint ?? new Uri("http://unconfigured.invalid"), description);
    }

    private static (IKeyProvider? Provider, string Description) CreateProvider(RelaySettings settings, Func<string, string?> getVariable,
        ConfigurationProblems problems)
    {
        var mode = settings.Auth;
        if (mode == OciAuthMode.Auto)
        {
            // Inside OCI Functions the resource principal is there and needs no key in the image; locally an
            // API key (inline, as the original function's variables give it, or a config profile); else none.
            mode = getVariable(ResourcePrincipalKeyProvider.VersionVariable) is { Length: > 0 } ? OciAuthMode.ResourcePrincipal
                : settings.HasInlineApiKey || settings.ConfigFile is not null || settings.Profile is not null ? OciAuthMode.ApiKey
                : OciAuthMode.None;
        }

        try
        {
            switch (mode)
            {
                case OciAuthMode.ResourcePrincipal:
                    return (new ResourcePrincipalKeyProvider(getVariable), "resource principal");
                case OciAuthMode.ApiKey when settings.HasInlineApiKey:
                    return (ApiKeyProvider.FromPemFile(settings.TenancyId!, settings.UserId!, settings.Fingerprint!, settings.KeyFile!,
                        settings.Passphrase, settings.Region), "API key " + settings.Fingerprint);
                case OciAuthMode.ApiKey:
                    var profile = OciConfigFile.Load(settings.ConfigFile, settings.Profile ?? OciConfigFile.DefaultProfile, getVariable);
                    return (profile.CreateKeyProvider(), $"config profile {profile.Name} ({profile.FilePath})");
                default:
                    return (null, "none (unsigned requests)");
            }
        }
        catch (Exception ex) when (ex is OciCredentialException or OciConfigException)
        {
            problems.Add("Oci:Auth", $"Oci:Auth ({mode}): {ex.Message}");
            return (null, "unusable");
        }
    }
}
