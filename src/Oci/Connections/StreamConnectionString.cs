using DevHarness.Oci.Regions;

namespace DevHarness.Oci.Connections;

/// <summary>
/// What a client needs to reach an OCI stream through either door, as an Aspire connection string
/// (<c>ConnectionStrings:stream</c>, docs/architecture.md). The emulator:
/// <c>BootstrapServers=127.0.0.1:10109;StreamId=ocid1.stream.oc1.local.relay;StreamName=relay;MessagesEndpoint=http://127.0.0.1:10101</c>;
/// a tenancy adds <c>Region</c>, <c>ConfigFile</c>, <c>Profile</c>, and for Kafka <c>SaslUsername</c> and
/// <c>AuthToken</c>. Keys are case-insensitive; unknown keys are ignored.
/// </summary>
public sealed record StreamConnectionString
{
    /// <summary>The Kafka bootstrap servers, <c>host:port[,host:port…]</c>.</summary>
    public string? BootstrapServers { get; init; }

    /// <summary>The stream's OCID (REST <c>PutMessages</c>/<c>GetMessages</c>).</summary>
    public string? StreamId { get; init; }

    /// <summary>The stream's name, which is its Kafka topic.</summary>
    public string? StreamName { get; init; }

    /// <summary>The stream's messages endpoint (REST <c>PutMessages</c>), e.g. <c>https://cell-1.streaming.us-phoenix-1.oci.oraclecloud.com</c>.</summary>
    public Uri? MessagesEndpoint { get; init; }

    public Region? Region { get; init; }

    /// <summary>The OCI config file holding the API key (REST signing); null for the SDKs' default location.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>The profile in <see cref="ConfigFile"/>; null for <c>DEFAULT</c>.</summary>
    public string? Profile { get; init; }

    /// <summary>Kafka SASL/PLAIN user: <c>&lt;tenancy&gt;/&lt;user&gt;/&lt;stream pool OCID&gt;</c> (docs/oci-facts.md §3).</summary>
    public string? SaslUsername { get; init; }

    /// <summary>The user's auth token, the Kafka SASL/PLAIN password. A secret: never log it.</summary>
    public string? AuthToken { get; init; }

    /// <summary>How REST requests are signed; null leaves the choice to the client.</summary>
    public ConnectionAuth? Auth { get; init; }

    /// <summary>Parses a connection string; every malformed value is named in one exception (never the auth token's value).</summary>
    /// <exception cref="FormatException">The text is not <c>key=value</c> pairs, or a value is malformed (URL, host:port, region, auth).</exception>
    public static StreamConnectionString Parse(string connectionString)
    {
        var reader = new ConnectionStringReader("stream", connectionString);
        var parsed = new StreamConnectionString
        {
            BootstrapServers = reader.HostPorts("BootstrapServers"),
            StreamId = reader.String("StreamId"),
            StreamName = reader.String("StreamName"),
            MessagesEndpoint = reader.Url("MessagesEndpoint"),
            Region = reader.Region("Region"),
            ConfigFile = reader.String("ConfigFile"),
            Profile = reader.String("Profile"),
            SaslUsername = reader.String("SaslUsername"),
            AuthToken = reader.String("AuthToken"),
            Auth = reader.Auth("Auth"),
        };
        reader.ThrowIfInvalid();
        return parsed;
    }

    /// <summary>
    /// The connection string, with only the keys that have a value; <see cref="Parse"/> reads it back.
    /// It carries <see cref="AuthToken"/>: treat it as a secret.
    /// </summary>
    public override string ToString() => ConnectionStringReader.Format(
        ("BootstrapServers", BootstrapServers), ("StreamId", StreamId), ("StreamName", StreamName), ("MessagesEndpoint", MessagesEndpoint),
        ("Region", Region), ("ConfigFile", ConfigFile), ("Profile", Profile), ("SaslUsername", SaslUsername), ("AuthToken", AuthToken),
        ("Auth", Auth));
}
