using DevHarness.AppHost;
using Microsoft.Extensions.Configuration;

namespace DevHarness.Integration.AppHost;

/// <summary>The AppHost's options: the documented defaults, overrides, and the OCI profile's one clear error.</summary>
public sealed class HarnessSettingsTests : IDisposable
{
    private const string AppHostDirectory = "/work/src/AppHost";

    private readonly string _home = Directory.CreateTempSubdirectory("devharness-home-").FullName;

    [Fact]
    public void NoArgumentsGiveTheDesignDefaults()
    {
        var settings = Load([]);

        Assert.Equal(KafkaMode.Auto, settings.Kafka);
        Assert.Equal("kafka", settings.Publisher);
        Assert.Equal("cloudevents", settings.Format);
        Assert.True(settings.ReplayOnStart);
        Assert.Equal(("devharness", "uploads", "relay", "ocid1.stream.oc1.local.relay", 3), (settings.Namespace, settings.Bucket, settings.StreamName, settings.StreamOcid, settings.Partitions));
        Assert.Equal(new HarnessPorts(10100, 10101, 10102, 10109, 10103), settings.Ports);
        Assert.Null(settings.Oci);
        Assert.Equal("/work/src/AppHost/.devharness/stream", settings.StreamDataFolder);
    }

    [Fact]
    public void StreamDataFolderCanMoveOrBeThrownAway()
    {
        Assert.Equal("/tmp/stream-data", Load(["--stream-data-dir", "/tmp/stream-data"]).StreamDataFolder);
        Assert.Equal("/work/src/AppHost/data", Load(["--stream-data-dir", "data"]).StreamDataFolder);
        Assert.Null(Load(["--stream-data-dir", "none"]).StreamDataFolder);
    }

    [Fact]
    public void HarnessOptionsAreTakenAndAspireOptionsPassThrough()
    {
        var (harness, aspire) = HarnessArguments.Split(
            ["--no-replay", "--kafka", "embedded", "--publisher=rest", "--DcpPublisher:RandomizePorts", "false", "--stream-port", "20101", "--publisher", "manifest"]);

        Assert.Equal("true", harness["DevHarness:NoReplay"]);
        Assert.Equal("embedded", harness["DevHarness:Kafka"]);
        Assert.Equal("rest", harness["DevHarness:Publisher"]);
        Assert.Equal("20101", harness["DevHarness:StreamPort"]);
        // Aspire's own --publisher (publish mode) is not ours and must reach Aspire untouched.
        Assert.Equal(["--DcpPublisher:RandomizePorts", "false", "--publisher", "manifest"], aspire);
    }

    [Fact]
    public void ParametersOverrideTheDefaults()
    {
        var settings = Load(["--namespace", "ns1", "--bucket", "b1", "--partitions", "5", "--no-replay", "--kafka", "container"], ("Parameters:stream-name", "orders"));

        Assert.Equal(("ns1", "b1", "orders", 5), (settings.Namespace, settings.Bucket, settings.StreamName, settings.Partitions));
        Assert.False(settings.ReplayOnStart);
        Assert.Equal(KafkaMode.Container, settings.Kafka);
    }

    [Fact]
    public void EveryBadOptionIsListedInOneError()
    {
        var error = Assert.Throws<HarnessConfigurationException>(() =>
            Load(["--kafka", "docker", "--publisher", "kafka", "--format", "xml", "--stream-port", "70000", "--partitions", "0", "--events-port", "10100"]));

        Assert.Equal(5, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("--kafka must be one of auto, embedded, container", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("--format must be one of", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("--stream-port must be a TCP port", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("--partitions must be", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("ports must differ", StringComparison.Ordinal));
    }

    [Fact]
    public void OciProfileWithNothingElseListsEverySettingItNeeds()
    {
        var error = Assert.Throws<HarnessConfigurationException>(() => Load(["--oci-profile", "DEV"]));

        var config = Path.Combine(_home, ".oci", "config");
        Assert.Equal(
            [
                $"OCI config file: {config} does not exist (create it with `oci setup config`, or set OCI_CONFIG_FILE / --oci-config-file).",
                "--namespace: your tenancy's Object Storage namespace (`oci os ns get`).",
                "--bucket: the bucket the replayed fixtures name (the relay reads their objects from it).",
                "--stream-ocid: the OCID of the stream the relay publishes to (PutMessages).",
                "--stream-endpoint: the stream's messages endpoint, e.g. https://cell-1.streaming.us-ashburn-1.oci.oraclecloud.com (`oci streaming admin stream get`).",
            ],
            error.Problems);
        Assert.StartsWith("DevHarness cannot start; fix these settings first:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OciProfileFromTheEnvironmentChecksTheProfileItself()
    {
        var config = WriteConfig("[DEFAULT]\nregion=us-phoenix-1\n\n[DEV]\nuser=ocid1.user.oc1..u\n# fingerprint missing\nkey_file=~/.oci/missing.pem\n");

        var error = Assert.Throws<HarnessConfigurationException>(() =>
            Load(["--kafka-bootstrap", "cell-1.streaming.us-phoenix-1.oci.oraclecloud.com:9092", "--namespace", "ns", "--bucket", "b"],
                ("OCI_CLI_PROFILE", "DEV"), ("OCI_CONFIG_FILE", config)));

        Assert.Equal(
            [
                $"OCI profile [DEV] in {config} lacks fingerprint, tenancy (API-key auth needs user, fingerprint, key_file and tenancy).",
                $"OCI profile [DEV]: key_file {Path.Combine(_home, ".oci", "missing.pem")} does not exist.",
                "--stream-name: the stream's name (the Kafka topic).",
                "--sasl-username: tenancyName/username/streamPoolId (or tenancyName/domain/username/streamPoolId).",
                "--auth-token or OCI_AUTH_TOKEN: an auth token of the user (Console → user details → Auth tokens).",
            ],
            error.Problems);
    }

    [Fact]
    public void UnknownProfileNamesTheProfilesThatExist()
    {
        var config = WriteConfig("[DEFAULT]\nregion=us-phoenix-1\n[PROD]\nuser=u\n");

        var error = Assert.Throws<HarnessConfigurationException>(() =>
            Load(["--oci-profile", "DEV", "--oci-config-file", config, "--namespace", "ns", "--bucket", "b", "--stream-ocid", "ocid1.stream.oc1.phx.x", "--stream-endpoint", "https://cell-1.streaming.us-phoenix-1.oci.oraclecloud.com"]));

        Assert.Equal([$"The OCI config file {config} has no profile [DEV]: it has [DEFAULT], [PROD]."], error.Problems);
    }

    [Fact]
    public void CompleteOciProfileUsesTheProfileRegionAndTheRestPublisher()
    {
        File.WriteAllText(Path.Combine(_home, "key.pem"), "not read by the pre-flight check");
        var config = WriteConfig("[DEFAULT]\nregion=us-phoenix-1\n[DEV]\nuser=u\nfingerprint=f\ntenancy=t\nkey_file=~/key.pem\n");

        var settings = Load(["--oci-profile", "DEV", "--oci-config-file", config, "--namespace", "ns", "--bucket", "b", "--stream-ocid", "ocid1.stream.oc1.phx.x", "--stream-endpoint", "https://cell-1.streaming.us-phoenix-1.oci.oraclecloud.com"]);

        Assert.NotNull(settings.Oci);
        Assert.Equal(("DEV", "us-phoenix-1", "rest", "ns", "b"), (settings.Oci.Profile, settings.Oci.Region, settings.Oci.Publisher, settings.Oci.Namespace, settings.Oci.Bucket));
        Assert.Equal("rest", settings.Publisher);
    }

    [Fact]
    public void ObjectStorageEndpointMovesObjectStorageOffTheRegionsEndpoint()
    {
        File.WriteAllText(Path.Combine(_home, "key.pem"), "not read by the pre-flight check");
        var config = WriteConfig("[DEV]\nuser=u\nfingerprint=f\ntenancy=t\nkey_file=~/key.pem\nregion=us-phoenix-1\n");
        string[] profile = ["--oci-profile", "DEV", "--oci-config-file", config, "--namespace", "ns", "--bucket", "b", "--stream-ocid", "ocid1.stream.oc1.phx.x", "--stream-endpoint", "https://cell-1.streaming.us-phoenix-1.oci.oraclecloud.com"];

        Assert.Null(Load(profile).Oci!.ObjectStorageEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:20100"), Load([.. profile, "--objectstorage-endpoint", "http://127.0.0.1:20100"]).Oci!.ObjectStorageEndpoint);
        Assert.Equal(new Uri("https://os.example"), Load(profile, ("OCI_OBJECTSTORAGE_ENDPOINT", "https://os.example")).Oci!.ObjectStorageEndpoint);
        var error = Assert.Throws<HarnessConfigurationException>(() => Load([.. profile, "--objectstorage-endpoint", "objectstorage.us-phoenix-1"]));
        Assert.Equal(["--objectstorage-endpoint must be an http(s) URL, e.g. https://objectstorage.us-ashburn-1.oraclecloud.com; found 'objectstorage.us-phoenix-1'."], error.Problems);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private string WriteConfig(string text)
    {
        var path = Path.Combine(_home, "oci-config");
        File.WriteAllText(path, text);
        return path;
    }

    private HarnessSettings Load(string[] args, params (string Key, string Value)[] environment)
    {
        var (harness, _) = HarnessArguments.Split(args);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)))
            .AddInMemoryCollection(harness)
            .Build();
        return HarnessSettings.Load(configuration, _home, AppHostDirectory);
    }
}
