using Microsoft.Extensions.Configuration.Memory;

namespace DevHarness.Relay.Configuration;

/// <summary>
/// The original Python function's environment variables (oracle-devrel/oci-fn-streaming func.py), mapped
/// onto the relay's configuration keys so an existing function configuration works unchanged.
/// </summary>
internal static class LegacyEnvironment
{
    /// <summary>Original variable → configuration key.</summary>
    public static readonly IReadOnlyDictionary<string, string> Mapping = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["OCI_TENANCY_OCID"] = "Oci:TenancyId",
        ["OCI_USER_OCID"] = "Oci:UserId",
        ["OCI_FINGERPRINT"] = "Oci:Fingerprint",
        ["OCI_PRIVATE_KEY_FILE"] = "Oci:KeyFile",
        ["OCI_REGION"] = "Oci:Region",
        ["OCI_STREAM_OCID"] = "Stream:StreamId",
        ["OCI_STREAM_ENDPOINT"] = "Stream:Endpoint",
        ["OCI_AUTH_TOKEN"] = "Stream:AuthToken",
    };

    /// <summary>
    /// Adds the mapped variables as the lowest-priority source: an explicit <c>Stream__StreamId</c> (or
    /// appsettings/command line) wins over <c>OCI_STREAM_OCID</c>.
    /// </summary>
    public static void AddLegacyEnvironment(this IConfigurationBuilder configuration, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(getVariable);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, key) in Mapping)
        {
            if (getVariable(variable) is { Length: > 0 } value)
            {
                values[key] = value;
            }
        }

        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = values });
    }
}
