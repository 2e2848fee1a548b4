using DevHarness.Oci.Regions;

namespace DevHarness.Oci.Connections;

/// <summary>
/// What a client needs to reach Object Storage, as an Aspire connection string
/// (<c>ConnectionStrings:objectstorage</c>, docs/architecture.md). The emulator:
/// <c>Endpoint=http://127.0.0.1:10100;Namespace=devharness</c>; a tenancy:
/// <c>Endpoint=https://objectstorage.us-phoenix-1.oraclecloud.com;Namespace=mytenancy;Region=us-phoenix-1;ConfigFile=~/.oci/config;Profile=DEV</c>
/// (<c>Region</c>, <c>ConfigFile</c>, <c>Profile</c> and <c>Auth</c> optional). Keys are case-insensitive;
/// unknown keys are ignored.
/// </summary>
public sealed record ObjectStorageConnectionString
{
    /// <summary>The service endpoint; null to derive it from <see cref="Region"/>.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The tenancy's Object Storage namespace (<c>devharness</c> on the emulator).</summary>
    public string? Namespace { get; init; }

    public Region? Region { get; init; }

    /// <summary>The OCI config file holding the API key; null for the SDKs' default location.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>The profile in <see cref="ConfigFile"/>; null for <c>DEFAULT</c>.</summary>
    public string? Profile { get; init; }

    /// <summary>How requests are signed; null leaves the choice to the client.</summary>
    public ConnectionAuth? Auth { get; init; }

    /// <summary><see cref="Endpoint"/>, else the region's public Object Storage endpoint, else null.</summary>
    public Uri? ResolvedEndpoint => Endpoint ?? Region?.ObjectStorageEndpoint;

    /// <summary>Parses a connection string; every malformed value is named in one exception.</summary>
    /// <exception cref="FormatException">The text is not <c>key=value</c> pairs, or a value is malformed (URL, region, auth).</exception>
    public static ObjectStorageConnectionString Parse(string connectionString)
    {
        var reader = new ConnectionStringReader("Object Storage", connectionString);
        var parsed = new ObjectStorageConnectionString
        {
            Endpoint = reader.Url("Endpoint"),
            Namespace = reader.String("Namespace"),
            Region = reader.Region("Region"),
            ConfigFile = reader.String("ConfigFile"),
            Profile = reader.String("Profile"),
            Auth = reader.Auth("Auth"),
        };
        reader.ThrowIfInvalid();
        return parsed;
    }

    /// <summary>The connection string, with only the keys that have a value; <see cref="Parse"/> reads it back.</summary>
    public override string ToString() => ConnectionStringReader.Format(
        ("Endpoint", Endpoint), ("Namespace", Namespace), ("Region", Region), ("ConfigFile", ConfigFile), ("Profile", Profile), ("Auth", Auth));
}
