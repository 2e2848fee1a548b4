using DevHarness.Oci.Auth;
using DevHarness.Oci.Config;
using DevHarness.Oci.Connections;
using Microsoft.Extensions.Configuration;

namespace DevHarness.Oci.Client;

/// <summary>Reads <c>ConnectionStrings:{name}</c> and turns a missing or malformed one into an error naming the key.</summary>
internal static class OciConnectionStrings
{
    public static T? Read<T>(IConfiguration configuration, string name, Func<string, T> parse)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (configuration.GetConnectionString(name) is not { } text || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return parse(text);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:{name}: {ex.Message}", ex);
        }
    }

    public static InvalidOperationException Missing(string name, string what, string example) => new(
        $"ConnectionStrings:{name} is missing or lacks {what}: reference the resource from the AppHost (WithReference), "
        + $"or set it, e.g. ConnectionStrings__{name}=\"{example}\".");

    /// <summary>
    /// The configuration section of a client's switches, e.g. <c>DevHarness:Oci:ObjectStorage</c>:
    /// <c>DisableHealthChecks</c> and <c>DisableTracing</c>, <c>true</c> or <c>false</c>.
    /// </summary>
    public static bool Flag(IConfiguration configuration, string section, string key)
    {
        var path = $"{section}:{key}";
        var text = configuration[path];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return bool.TryParse(text.Trim(), out var value) ? value
            : throw new InvalidOperationException($"{path} is '{text}': expected true or false.");
    }

    /// <summary>
    /// The credential a connection string names: <c>Auth</c> when given; otherwise an API key from the OCI config
    /// file when it names a file or profile (the cloud), else none (an emulator that does not verify signatures).
    /// </summary>
    public static IKeyProvider? KeyProvider(string name, ConnectionAuth? auth, string? configFile, string? profile)
    {
        var mode = auth ?? (configFile is not null || profile is not null ? ConnectionAuth.ApiKey : ConnectionAuth.None);
        try
        {
            return mode switch
            {
                ConnectionAuth.ApiKey => OciConfigFile.Load(configFile, profile ?? OciConfigFile.DefaultProfile).CreateKeyProvider(),
                ConnectionAuth.ResourcePrincipal => new ResourcePrincipalKeyProvider(),
                _ => null,
            };
        }
        catch (Exception ex) when (ex is OciConfigException or OciCredentialException)
        {
            throw new InvalidOperationException($"ConnectionStrings:{name} (Auth={mode}): {ex.Message}", ex);
        }
    }
}
