namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// OCI Object Storage: the service of the tenancy an OCI config profile names, or, after
/// <c>RunAsEmulator()</c>, the local emulator. Consumers receive <c>ConnectionStrings__{name}</c>:
/// <c>Endpoint=…;Namespace=…</c>, plus <c>Region</c>, <c>ConfigFile</c> and <c>Profile</c> for the cloud.
/// </summary>
public sealed class OciObjectStorageResource(string name) : Resource(name), IResourceWithConnectionString
{
    /// <summary>The Object Storage namespace (the emulator's default is <c>devharness</c>).</summary>
    public string? Namespace { get; internal set; }

    /// <summary>The tenancy's profile (cloud only).</summary>
    public OciProfile Profile { get; internal set; } = OciProfile.Default;

    /// <summary>Overrides the region's endpoint in the cloud, e.g. a dedicated endpoint.</summary>
    public Uri? CloudEndpoint { get; internal set; }

    /// <summary>The emulator standing in for the service, once <c>RunAsEmulator()</c> was called.</summary>
    public OciObjectStorageEmulatorResource? Emulator { get; internal set; }

    /// <summary>True when the local emulator stands in for the service.</summary>
    public bool IsEmulator => Emulator is not null;

    /// <summary>The events emulator that <c>WithObjectStorageEvents</c> adds (emulator only).</summary>
    public OciEventsEmulatorResource? Events { get; internal set; }

    public ReferenceExpression ConnectionStringExpression =>
        Emulator is { } emulator
            ? ReferenceExpression.Create($"Endpoint={emulator.Url};Namespace={emulator.Namespace}")
            : ReferenceExpression.Create(
                $"Endpoint={CloudEndpointUrl};Namespace={RequiredNamespace};Region={Profile.ResolvedRegion};ConfigFile={Profile.ResolvedConfigFile};Profile={Profile.Name}");

    /// <summary>The region's endpoint, or the one <c>WithEndpoint</c> gave.</summary>
    public string CloudEndpointUrl =>
        CloudEndpoint?.ToString().TrimEnd('/') ?? DevHarness.Oci.Regions.Region.Parse(Profile.ResolvedRegion).ObjectStorageEndpoint.ToString().TrimEnd('/');

    private string RequiredNamespace => Namespace
        ?? throw new DistributedApplicationException(
            $"Object Storage '{Name}' has no namespace: call WithNamespace(\"<your namespace>\") (`oci os ns get` prints it), or RunAsEmulator().");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties()
    {
        if (Emulator is { } emulator)
        {
            yield return new("Endpoint", ReferenceExpression.Create($"{emulator.Url}"));
            yield return new("Namespace", ReferenceExpression.Create($"{emulator.Namespace}"));
            yield break;
        }

        yield return new("Endpoint", ReferenceExpression.Create($"{CloudEndpointUrl}"));
        yield return new("Namespace", ReferenceExpression.Create($"{RequiredNamespace}"));
        yield return new("Region", ReferenceExpression.Create($"{Profile.ResolvedRegion}"));
        yield return new("ConfigFile", ReferenceExpression.Create($"{Profile.ResolvedConfigFile}"));
        yield return new("Profile", ReferenceExpression.Create($"{Profile.Name}"));
    }
}
