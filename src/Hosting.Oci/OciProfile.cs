using DevHarness.Oci.Config;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The tenancy a cloud resource stands for: a profile of the OCI config file, read as the OCI CLI and
/// SDKs read it. Nothing is read until a connection string is needed, so an emulated resource never
/// looks for <c>~/.oci/config</c>.
/// </summary>
/// <param name="Name">The profile (<c>OCI_CLI_PROFILE</c>, else <c>DEFAULT</c>).</param>
/// <param name="ConfigFile">The config file (<c>OCI_CONFIG_FILE</c>, else <c>~/.oci/config</c>) when null.</param>
/// <param name="Region">Overrides the profile's <c>region</c>.</param>
public sealed record OciProfile(string Name, string? ConfigFile = null, string? Region = null)
{
    /// <summary>The profile the OCI CLI would use here.</summary>
    public static OciProfile Default =>
        new(Environment.GetEnvironmentVariable("OCI_CLI_PROFILE") is { Length: > 0 } profile ? profile : OciConfigFile.DefaultProfile);

    /// <summary>The config file's path.</summary>
    public string ResolvedConfigFile => ConfigFile ?? Load().FilePath;

    /// <summary>The region: <see cref="Region"/>, else the profile's <c>region</c> (or <c>OCI_REGION</c>).</summary>
    public string ResolvedRegion => Region ?? Load().Region
        ?? throw new DistributedApplicationException(
            $"OCI profile [{Name}] in {ResolvedConfigFile} has no region: add region=… to it, or call WithOciProfile(\"{Name}\", region: \"us-ashburn-1\").");

    private OciConfigProfile Load()
    {
        try
        {
            return OciConfigFile.Load(ConfigFile, Name);
        }
        catch (OciConfigException ex)
        {
            throw new DistributedApplicationException(
                $"{ex.Message} Create it with `oci setup config`, name another profile with WithOciProfile(…), or call RunAsEmulator().", ex);
        }
    }
}
