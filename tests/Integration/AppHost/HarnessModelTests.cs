using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// <c>src/AppHost</c>'s model, built through <c>Aspire.Hosting.Testing</c> and not started: which resources the
/// options give, what the relay is told, and in which order things wait.
/// </summary>
public sealed class HarnessModelTests
{
    [Fact]
    public async Task LocalProfileRunsTheEmulatorsAndTellsTheRelayWhereTheyAre()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await BuildAsync(["--DevHarness:Kafka=embedded", "--DevHarness:StreamDataDir=none"], ct);
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();

        Assert.Subset(model.Resources.Select(r => r.Name).ToHashSet(), new HashSet<string> { "objectstorage", "objectstorage-events", "relay", "replay", "stream" });
        Assert.DoesNotContain(model.Resources, r => r.IsContainer());
        Assert.IsType<OciObjectStorageEmulatorResource>(model.Resources.Single(r => r.Name == "objectstorage"));
        Assert.IsType<OciStreamEmulatorResource>(model.Resources.Single(r => r.Name == "stream"));

        var relay = (ProjectResource)model.Resources.Single(r => r.Name == "relay");
        Allocate(model);
        var environment = await EnvironmentAsync(relay);
        Assert.Equal("Endpoint=http://127.0.0.1:10100;Namespace=devharness", environment["ConnectionStrings__objectstorage"]);
        Assert.Equal(
            "BootstrapServers=127.0.0.1:10109;StreamId=ocid1.stream.oc1.local.relay;StreamName=relay;MessagesEndpoint=http://127.0.0.1:10101",
            environment["ConnectionStrings__stream"]);
        // Connection strings only: the relay's own settings are the only other variables it gets.
        Assert.Equal(("kafka", "cloudevents"), (environment["Relay__Publisher"], environment["Relay__Format"]));
        Assert.Empty(RelayConnectionVariables(environment));
        Assert.Equal(["objectstorage", "stream"], relay.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name));
        Assert.Equal(["relay"], model.Resources.Single(r => r.Name == "objectstorage-events").Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name));
        Assert.Empty(model.Resources.Single(r => r.Name == "replay").Annotations.OfType<ExplicitStartupAnnotation>());
    }

    [Fact]
    public async Task KafkaContainerAndDataFolderAreOptions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await BuildAsync(["--DevHarness:Kafka=container", "--DevHarness:NoReplay=true", "--DevHarness:KafkaPort=20109"], ct);
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();

        var kafka = Assert.IsType<ContainerResource>(model.Resources.Single(r => r.Name == "stream-kafka"));
        Assert.Equal(20109, kafka.Annotations.OfType<EndpointAnnotation>().Single().Port);
        var stream = (OciStreamEmulatorResource)model.Resources.Single(r => r.Name == "stream");
        Assert.Equal(Path.GetFullPath(Path.Combine(AppHostDirectory, ".devharness", "stream")), stream.DataDirectory);
        Assert.Single(model.Resources.Single(r => r.Name == "replay").Annotations.OfType<ExplicitStartupAnnotation>());

        // The container is a plain broker: the emulator provisions the topic with the harness's partitions.
        Allocate(model);
        var arguments = await ArgumentsAsync(stream);
        Assert.Equal("ocid1.stream.oc1.local.relay=relay:3", arguments[Array.IndexOf(arguments, "--stream") + 1]);
        Assert.Equal("127.0.0.1:20109", arguments[Array.IndexOf(arguments, "--kafka") + 1]);
        Assert.DoesNotContain("--auto-create-topics", arguments);
        var environment = await EnvironmentAsync(kafka);
        Assert.Equal(("false", "1049600"), (environment["KAFKA_AUTO_CREATE_TOPICS_ENABLE"], environment["KAFKA_MESSAGE_MAX_BYTES"]));

        // Healthy in order: the broker answers, then the topic has its partitions, then what publishes to it starts.
        Assert.Equal(["stream-kafka_kafka_check"], kafka.Annotations.OfType<HealthCheckAnnotation>().Select(h => h.Key));
        Assert.Contains("stream_kafka_check", stream.Annotations.OfType<HealthCheckAnnotation>().Select(h => h.Key));
        Assert.Equal(["stream-kafka"], WaitsOf(model, "stream"));
        Assert.Equal(["objectstorage", "stream"], WaitsOf(model, "relay"));
        Assert.Equal(["relay"], WaitsOf(model, "objectstorage-events"));
        Assert.Contains("relay", WaitsOf(model, "replay"));
    }

    [Fact]
    public async Task OciProfileStartsNoEmulatorAndGivesTheRelayTheTenancy()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("devharness-model-");
        try
        {
            var key = Path.Combine(folder.FullName, "key.pem");
            using (var rsa = System.Security.Cryptography.RSA.Create(2048))
            {
                await File.WriteAllTextAsync(key, rsa.ExportPkcs8PrivateKeyPem(), ct);
            }

            var config = Path.Combine(folder.FullName, "config");
            await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture,
                $"[DEV]\nuser=ocid1.user.oc1..u\nfingerprint=aa:bb\nkey_file={key}\ntenancy=ocid1.tenancy.oc1..t\nregion=us-phoenix-1\n"), ct);
            await using var app = await BuildAsync(
                [
                    "--DevHarness:OciProfile=DEV", $"--DevHarness:OciConfigFile={config}", "--DevHarness:Namespace=acme", "--DevHarness:Bucket=landing",
                    "--DevHarness:StreamOcid=ocid1.stream.oc1.phx.s", "--DevHarness:StreamEndpoint=https://cell-1.streaming.us-phoenix-1.oci.oraclecloud.com",
                ],
                ct);
            var model = app.Services.GetRequiredService<DistributedApplicationModel>();

            Assert.IsType<OciObjectStorageResource>(model.Resources.Single(r => r.Name == "objectstorage"));
            Assert.IsType<OciStreamResource>(model.Resources.Single(r => r.Name == "stream"));
            Assert.DoesNotContain(model.Resources, r => r.Name == "objectstorage-events");
            var relay = (ProjectResource)model.Resources.Single(r => r.Name == "relay");
            Allocate(model);
            var environment = await EnvironmentAsync(relay);
            Assert.Equal(
                $"Endpoint=https://objectstorage.us-phoenix-1.oraclecloud.com;Namespace=acme;Region=us-phoenix-1;ConfigFile={config};Profile=DEV",
                environment["ConnectionStrings__objectstorage"]);
            Assert.Equal(
                "StreamId=ocid1.stream.oc1.phx.s;StreamName=stream;MessagesEndpoint=https://cell-1.streaming.us-phoenix-1.oci.oraclecloud.com;"
                + $"Region=us-phoenix-1;ConfigFile={config};Profile=DEV",
                environment["ConnectionStrings__stream"]);
            Assert.Equal("rest", environment["Relay__Publisher"]);
            Assert.Empty(RelayConnectionVariables(environment));
            var replay = model.Resources.Single(r => r.Name == "replay");
            var arguments = await ArgumentsAsync(replay);
            Assert.Equal(["--bucket", "landing", "--namespace", "acme"], arguments[^4..]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task OciProfileObjectStorageEndpointReachesTheRelaysConnectionString()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("devharness-model-");
        try
        {
            var config = Path.Combine(folder.FullName, "config");
            await File.WriteAllTextAsync(config, $"[DEV]\nuser=u\nfingerprint=f\nkey_file={config}\ntenancy=t\nregion=us-phoenix-1\n", ct);
            await using var app = await BuildAsync(
                [
                    "--DevHarness:OciProfile=DEV", $"--DevHarness:OciConfigFile={config}", "--DevHarness:Namespace=acme", "--DevHarness:Bucket=landing",
                    "--DevHarness:StreamOcid=ocid1.stream.oc1.phx.s", "--DevHarness:StreamEndpoint=http://127.0.0.1:20101",
                    "--DevHarness:ObjectStorageEndpoint=http://127.0.0.1:20100/",
                ],
                ct);
            var model = app.Services.GetRequiredService<DistributedApplicationModel>();
            Allocate(model);
            var environment = await EnvironmentAsync(model.Resources.Single(r => r.Name == "relay"));

            Assert.Equal(
                $"Endpoint=http://127.0.0.1:20100;Namespace=acme;Region=us-phoenix-1;ConfigFile={config};Profile=DEV",
                environment["ConnectionStrings__objectstorage"]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static List<string> WaitsOf(DistributedApplicationModel model, string resource) =>
        [.. model.Resources.Single(r => r.Name == resource).Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name)];

    /// <summary>The variables the relay once got beside its connection strings (<c>Oci__*</c>, <c>Stream__*</c>, <c>ObjectStorage__*</c>).</summary>
    private static List<string> RelayConnectionVariables(IReadOnlyDictionary<string, string> environment) =>
        [.. environment.Keys.Where(k => k.StartsWith("Oci__", StringComparison.Ordinal) || k.StartsWith("Stream__", StringComparison.Ordinal)
            || k.StartsWith("ObjectStorage__", StringComparison.Ordinal))];

    private static string AppHostDirectory =>
        Directory.Exists(Projects.AppHost.ProjectPath) ? Projects.AppHost.ProjectPath : Path.GetDirectoryName(Projects.AppHost.ProjectPath)!;

    private static async Task<DistributedApplication> BuildAsync(string[] arguments, CancellationToken ct)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            arguments, (options, _) => options.DisableDashboard = true, ct);
        return await builder.BuildAsync(ct).WaitAsync(TimeSpan.FromMinutes(2), ct);
    }

    /// <summary>What DCP does at start: every endpoint gets its (fixed) port.</summary>
    private static void Allocate(DistributedApplicationModel model)
    {
        foreach (var endpoint in model.Resources.SelectMany(r => r.Annotations.OfType<EndpointAnnotation>()))
        {
            endpoint.AllocatedEndpoint ??= new AllocatedEndpoint(endpoint, "localhost", endpoint.Port ?? 0);
        }
    }

    // The obsolete helpers evaluate exactly what DCP would be given; see tests/Hosting.Oci.Tests/AppModel.cs.
#pragma warning disable CS0618
    private static async Task<Dictionary<string, string>> EnvironmentAsync(IResource resource) =>
        await ((IResourceWithEnvironment)resource).GetEnvironmentVariableValuesAsync();

    private static async Task<string[]> ArgumentsAsync(IResource resource) =>
        [.. await ((IResourceWithArgs)resource).GetArgumentValuesAsync()];
#pragma warning restore CS0618
}
