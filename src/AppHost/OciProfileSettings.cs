using Microsoft.Extensions.Configuration;

namespace DevHarness.AppHost;

/// <summary>
/// The OCI profile mode (docs/architecture.md "Data flow: OCI profile"): the relay runs locally with API-key auth
/// against the tenancy. Loading collects every missing setting into one list, before anything starts.
/// </summary>
internal sealed record OciProfileSettings
{
    public required string Profile { get; init; }

    public required string ConfigFile { get; init; }

    /// <summary>The region passed to the relay: <c>--region</c>, else the profile's <c>region</c>.</summary>
    public required string Region { get; init; }

    /// <summary><c>rest</c> (stream OCID + messages endpoint) or <c>kafka</c> (Kafka endpoint + auth token).</summary>
    public required string Publisher { get; init; }

    public required string Namespace { get; init; }

    public required string Bucket { get; init; }

    /// <summary><c>--objectstorage-endpoint</c>: Object Storage elsewhere than the region's endpoint (a dedicated endpoint, an emulator in strict mode).</summary>
    public Uri? ObjectStorageEndpoint { get; init; }

    public string? StreamOcid { get; init; }

    public string? StreamEndpoint { get; init; }

    public string? StreamName { get; init; }

    public string? KafkaBootstrap { get; init; }

    public string? SaslUsername { get; init; }

    public string? AuthToken { get; init; }

    public static OciProfileSettings? Load(
        IConfiguration configuration, string profile, string? publisher, string homeDirectory, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        var configFile = HarnessSettings.Setting(configuration, "oci-config-file")
            ?? configuration["OCI_CONFIG_FILE"]
            ?? Path.Combine(homeDirectory, ".oci", "config");
        configFile = configFile == "~" || configFile.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(homeDirectory, configFile.TrimStart('~').TrimStart('/'))
            : configFile;

        var region = HarnessSettings.Setting(configuration, "region");
        string? Environment(string name) => name == "HOME" ? homeDirectory : configuration[name];
        var probe = OciConfigFileProbe.Read(configFile, profile, Environment, problems);
        region ??= probe?.Region;
        if (probe is not null && region is null)
        {
            problems.Add($"region: profile [{profile}] in {configFile} has no 'region'; add it there or pass --region (e.g. us-ashburn-1).");
        }

        // In a tenancy there is no sensible default namespace or bucket: the fixtures are rewritten to them.
        var ns = HarnessSettings.Parameter(configuration, "namespace");
        if (ns is null)
        {
            problems.Add("--namespace: your tenancy's Object Storage namespace (`oci os ns get`).");
        }

        var bucket = HarnessSettings.Parameter(configuration, "bucket");
        if (bucket is null)
        {
            problems.Add("--bucket: the bucket the replayed fixtures name (the relay reads their objects from it).");
        }

        var objectStorageEndpoint = Endpoint(
            HarnessSettings.Setting(configuration, "objectstorage-endpoint") ?? configuration["OCI_OBJECTSTORAGE_ENDPOINT"], "--objectstorage-endpoint", problems);
        var streamOcid = HarnessSettings.Parameter(configuration, "stream-ocid");
        var streamEndpoint = HarnessSettings.Setting(configuration, "stream-endpoint") ?? configuration["OCI_STREAM_ENDPOINT"];
        var kafkaBootstrap = HarnessSettings.Setting(configuration, "kafka-bootstrap");
        var streamName = HarnessSettings.Parameter(configuration, "stream-name");
        var saslUsername = HarnessSettings.Setting(configuration, "sasl-username");
        var authToken = HarnessSettings.Setting(configuration, "auth-token") ?? configuration["OCI_AUTH_TOKEN"];
        publisher ??= kafkaBootstrap is not null && streamOcid is null ? "kafka" : "rest";

        if (publisher == "rest")
        {
            if (streamOcid is null)
            {
                problems.Add("--stream-ocid: the OCID of the stream the relay publishes to (PutMessages).");
            }

            if (streamEndpoint is null)
            {
                problems.Add("--stream-endpoint: the stream's messages endpoint, e.g. https://cell-1.streaming.us-ashburn-1.oci.oraclecloud.com (`oci streaming admin stream get`).");
            }
        }
        else
        {
            if (kafkaBootstrap is null)
            {
                problems.Add("--kafka-bootstrap: the stream pool's Kafka endpoint, e.g. cell-1.streaming.us-ashburn-1.oci.oraclecloud.com:9092.");
            }

            if (streamName is null)
            {
                problems.Add("--stream-name: the stream's name (the Kafka topic).");
            }

            if (saslUsername is null)
            {
                problems.Add("--sasl-username: tenancyName/username/streamPoolId (or tenancyName/domain/username/streamPoolId).");
            }

            if (authToken is null)
            {
                problems.Add("--auth-token or OCI_AUTH_TOKEN: an auth token of the user (Console → user details → Auth tokens).");
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        return new OciProfileSettings
        {
            Profile = profile,
            ConfigFile = configFile,
            Region = region!,
            Publisher = publisher,
            Namespace = ns!,
            Bucket = bucket!,
            ObjectStorageEndpoint = objectStorageEndpoint,
            StreamOcid = streamOcid,
            StreamEndpoint = streamEndpoint,
            StreamName = streamName,
            KafkaBootstrap = kafkaBootstrap,
            SaslUsername = saslUsername,
            AuthToken = authToken,
        };
    }

    private static Uri? Endpoint(string? text, string option, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri;
        }

        problems.Add($"{option} must be an http(s) URL, e.g. https://objectstorage.us-ashburn-1.oraclecloud.com; found '{text}'.");
        return null;
    }
}
