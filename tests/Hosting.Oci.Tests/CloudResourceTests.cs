namespace DevHarness.Hosting.Oci.Tests;

/// <summary>Without <c>RunAsEmulator</c> the resources stand for a tenancy, named by a profile of an OCI config file.</summary>
public sealed class CloudResourceTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("devharness-oci-config-");

    private string ConfigFile => Path.Combine(_folder.FullName, "config");

    public CloudResourceTests() =>
        File.WriteAllText(ConfigFile, """
            [DEFAULT]
            region=us-phoenix-1
            [DEV]
            user=ocid1.user.oc1..aaaa
            fingerprint=11:22
            key_file=~/.oci/key.pem
            tenancy=ocid1.tenancy.oc1..aaaa
            region=us-ashburn-1
            """);

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task ObjectStorageOfAProfileNamesTheRegionsEndpointAndTheProfile()
    {
        var builder = AppModel.CreateBuilder();
        var objectStorage = builder.AddOciObjectStorage("objectstorage").WithOciProfile("DEV", ConfigFile).WithNamespace("acme");
        var consumer = builder.AddExecutable("consumer", "true", ".").WithReference(objectStorage);

        var model = AppModel.Build(builder, out var app);
        await using var _ = app;

        Assert.Same(objectStorage.Resource, Assert.Single(model.Resources, r => r.Name == "objectstorage"));
        Assert.False(objectStorage.Resource.IsEmulator);
        Assert.DoesNotContain(model.Resources, r => r is ExecutableResource && r.Name != "consumer");
        Assert.Equal(
            $"Endpoint=https://objectstorage.us-ashburn-1.oraclecloud.com;Namespace=acme;Region=us-ashburn-1;ConfigFile={ConfigFile};Profile=DEV",
            (await AppModel.EnvironmentAsync(consumer.Resource))["ConnectionStrings__objectstorage"]);
    }

    [Fact]
    public async Task StreamOfAProfileCarriesTheKafkaCredentialsWithTheTokenAsASecret()
    {
        var builder = AppModel.CreateBuilder("--Parameters:token=s3cret");
        var token = builder.AddParameter("token", secret: true);
        var stream = builder.AddOciStream("stream", partitions: 3)
            .WithOciProfile("DEV", ConfigFile, region: "eu-frankfurt-1")
            .WithStreamName("relay")
            .WithStreamId("ocid1.stream.oc1.eu-frankfurt-1.aaaa")
            .WithMessagesEndpoint(new Uri("https://cell-1.streaming.eu-frankfurt-1.oci.oraclecloud.com"))
            .WithKafkaEndpoint("cell-1.streaming.eu-frankfurt-1.oci.oraclecloud.com:9092", "acme/jo/ocid1.streampool.oc1..aaaa", token);

        var model = AppModel.Build(builder, out var app);
        await using var _ = app;

        Assert.Equal(
            "BootstrapServers=cell-1.streaming.eu-frankfurt-1.oci.oraclecloud.com:9092;StreamId=ocid1.stream.oc1.eu-frankfurt-1.aaaa;StreamName=relay;"
            + "MessagesEndpoint=https://cell-1.streaming.eu-frankfurt-1.oci.oraclecloud.com;Region=eu-frankfurt-1;"
            + $"ConfigFile={ConfigFile};Profile=DEV;SaslUsername=acme/jo/ocid1.streampool.oc1..aaaa;AuthToken=s3cret",
            await AppModel.ConnectionStringAsync(stream.Resource));
        Assert.Contains(stream.Resource.Annotations.OfType<ResourceCommandAnnotation>(), c => c.Name == OciDashboardCommands.TailStream);
        Assert.Single(model.Resources.OfType<OciStreamResource>());
    }

    [Fact]
    public async Task AnEventsRuleInTheCloudStartsNoEmulator()
    {
        var builder = AppModel.CreateBuilder();
        var objectStorage = builder.AddOciObjectStorage("objectstorage").WithOciProfile("DEV", ConfigFile).WithNamespace("acme");
        builder.AddExecutable("fn", "true", ".").WithHttpEndpoint(port: 18080, isProxied: false).WithObjectStorageEvents(objectStorage, "uploads");

        var model = AppModel.Build(builder, out var app);
        await using var _ = app;

        Assert.Equal(["objectstorage", "fn"], model.Resources.Select(r => r.Name));
        Assert.Null(objectStorage.Resource.Events);
    }

    [Fact]
    public async Task MissingSettingsAreNamedWithWhatToCall()
    {
        var builder = AppModel.CreateBuilder();
        var objectStorage = builder.AddOciObjectStorage("objectstorage").WithOciProfile("DEV", ConfigFile);
        var stream = builder.AddOciStream("stream").WithOciProfile("DEV", ConfigFile);
        var missingProfile = builder.AddOciObjectStorage("elsewhere").WithOciProfile("PROD", ConfigFile).WithNamespace("acme");
        AppModel.Build(builder, out var app);
        await using var _ = app;

        Assert.Contains("WithNamespace", (await Assert.ThrowsAsync<DistributedApplicationException>(() => AppModel.ConnectionStringAsync(objectStorage.Resource))).Message, StringComparison.Ordinal);
        Assert.Contains("WithStreamId", (await Assert.ThrowsAsync<DistributedApplicationException>(() => AppModel.ConnectionStringAsync(stream.Resource))).Message, StringComparison.Ordinal);
        var profileError = await Assert.ThrowsAsync<DistributedApplicationException>(() => AppModel.ConnectionStringAsync(missingProfile.Resource));
        Assert.Contains("[PROD]", profileError.Message, StringComparison.Ordinal);
    }
}
