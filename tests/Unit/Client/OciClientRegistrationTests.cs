using Confluent.Kafka;
using DevHarness.Oci.Client;
using DevHarness.Oci.Connections;
using DevHarness.Oci.Streaming.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DevHarness.Unit.Client;

/// <summary>How the client registrations read configuration, and how they refuse what is missing or malformed.</summary>
public sealed class OciClientRegistrationTests
{
    [Fact]
    public void TheObjectStorageConnectionStringIsRegisteredWithAHealthCheck()
    {
        var builder = Builder(("ConnectionStrings:objectstorage", "Endpoint=http://127.0.0.1:10100;Namespace=devharness"));

        builder.AddOciObjectStorageClient("objectstorage");

        using var services = builder.Services.BuildServiceProvider();
        var connection = services.GetRequiredService<ObjectStorageConnectionString>();
        Assert.Equal(new Uri("http://127.0.0.1:10100"), connection.Endpoint);
        Assert.Equal("devharness", connection.Namespace);
        Assert.Contains("OciObjectStorage_objectstorage", HealthChecks(services));
        Assert.NotNull(services.GetRequiredService<DevHarness.Oci.ObjectStorage.ObjectStorageClient>());
    }

    [Fact]
    public void ARegionAloneGivesItsEndpointAndTheSwitchesComeFromConfiguration()
    {
        var builder = Builder(
            ("ConnectionStrings:os", "Region=phx;Namespace=tenancy;Auth=None"),
            ("DevHarness:Oci:ObjectStorage:DisableHealthChecks", "true"));
        OciObjectStorageClientSettings? seen = null;

        builder.AddOciObjectStorageClient("os", settings => seen = settings);

        Assert.True(seen!.DisableHealthChecks);
        Assert.False(seen.DisableTracing);
        Assert.Equal(new Uri("https://objectstorage.us-phoenix-1.oraclecloud.com"), seen.Connection.ResolvedEndpoint);
        using var services = builder.Services.BuildServiceProvider();
        Assert.DoesNotContain("OciObjectStorage_os", HealthChecks(services));
    }

    [Fact]
    public void AMissingConnectionStringIsNamedWithAnExample()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder().AddOciObjectStorageClient("objectstorage"));

        Assert.Contains("ConnectionStrings:objectstorage is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("WithReference", error.Message, StringComparison.Ordinal);
        Assert.Contains("Endpoint=http://127.0.0.1:10100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedConnectionStringIsNamedWithWhatIsWrong()
    {
        var builder = Builder(("ConnectionStrings:objectstorage", "Endpoint=ftp://x;Namespace=n"));

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddOciObjectStorageClient("objectstorage"));

        Assert.StartsWith("ConnectionStrings:objectstorage: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Endpoint is 'ftp://x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnApiKeyProfileThatCannotBeLoadedIsNamedWithTheConnectionString()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-oci-config-{Guid.NewGuid():N}");
        var builder = Builder(("ConnectionStrings:objectstorage", $"Region=us-phoenix-1;Namespace=n;ConfigFile={missing};Profile=DEV"));

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddOciObjectStorageClient("objectstorage"));

        Assert.Contains("ConnectionStrings:objectstorage (Auth=ApiKey)", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreadableSwitchIsNamed()
    {
        var builder = Builder(
            ("ConnectionStrings:objectstorage", "Endpoint=http://127.0.0.1:10100"),
            ("DevHarness:Oci:ObjectStorage:DisableTracing", "yes"));

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddOciObjectStorageClient("objectstorage"));

        Assert.Contains("DevHarness:Oci:ObjectStorage:DisableTracing is 'yes'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheProducerIsConfiguredFromTheStreamConnectionStringAndTheOciProfile()
    {
        var builder = Builder(("ConnectionStrings:stream",
            "BootstrapServers=cell-1.streaming.us-ashburn-1.oci.oraclecloud.com:9092;StreamName=orders;SaslUsername=t/u/p;AuthToken=secret"));
        ProducerConfig? seen = null;

        builder.AddOciStreamProducer<string, string>("stream", configureConfig: config => seen = config);

        Assert.Equal("cell-1.streaming.us-ashburn-1.oci.oraclecloud.com:9092", seen!.BootstrapServers);
        Assert.Equal(1, seen.MaxInFlight);
        Assert.False(seen.EnableIdempotence);
        Assert.Equal(Acks.All, seen.Acks);
        Assert.Equal(OciKafkaSettings.MaxEncodedMessageBytes, seen.MessageMaxBytes);
        Assert.Equal(SecurityProtocol.SaslSsl, seen.SecurityProtocol);
        Assert.Equal("secret", seen.SaslPassword);
        using var services = builder.Services.BuildServiceProvider();
        Assert.Equal("orders", services.GetRequiredService<StreamConnectionString>().StreamName);
        Assert.Contains("OciStreamProducer_stream", HealthChecks(services));
    }

    [Fact]
    public void TheConsumerJoinsTheGroupAndNeverCreatesTheTopic()
    {
        var builder = Builder(("ConnectionStrings:stream", "BootstrapServers=127.0.0.1:10109;StreamName=relay"));
        ConsumerConfig? seen = null;

        builder.AddOciStreamConsumer<byte[], byte[]>("stream", "billing", configureConfig: config => seen = config);

        Assert.Equal("billing", seen!.GroupId);
        Assert.False(seen.AllowAutoCreateTopics);
        Assert.Null(seen.SecurityProtocol);
    }

    [Theory]
    [InlineData("StreamName=relay", "BootstrapServers and StreamName")]
    [InlineData("BootstrapServers=127.0.0.1:10109", "BootstrapServers and StreamName")]
    [InlineData("BootstrapServers=127.0.0.1:10109;StreamName=relay;SaslUsername=t/u/p", "without an auth token")]
    [InlineData("BootstrapServers=localhost;StreamName=relay", "BootstrapServers is 'localhost'")]
    public void AStreamConnectionStringAKafkaClientCannotUseIsRefusedNamingIt(string connectionString, string expected)
    {
        var builder = Builder(("ConnectionStrings:stream", connectionString));

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddOciStreamProducer<byte[], byte[]>("stream"));

        Assert.Contains("ConnectionStrings:stream", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRestClientNeedsTheMessagesEndpointAndTheStreamId()
    {
        var builder = Builder(("ConnectionStrings:stream", "BootstrapServers=127.0.0.1:10109;StreamName=relay"));

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddOciStreamClient("stream"));

        Assert.Contains("ConnectionStrings:stream is missing or lacks MessagesEndpoint and StreamId", error.Message, StringComparison.Ordinal);
    }

    private static HostApplicationBuilder Builder(params (string Key, string Value)[] values)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        return builder;
    }

    private static List<string> HealthChecks(IServiceProvider services) =>
        [.. services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name)];
}
