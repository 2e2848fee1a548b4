using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using DevHarness.Integration.Infrastructure;
using DevHarness.Integration.ObjectStorage;
using DevHarness.Integration.Streaming;
using DevHarness.Oci.Connections;
using DevHarness.Oci.ObjectStorage;
using DevHarness.Oci.Streaming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace DevHarness.Integration.Clients;

/// <summary>
/// A service's own host, built with <see cref="Host.CreateApplicationBuilder()"/> and the client registrations,
/// against the real emulators: what it puts and produces arrives, and its health checks tell the truth.
/// </summary>
public sealed class OciClientRegistrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheRegisteredObjectStorageClientPutsAndGetsAnObjectTracesItAndReportsHealthy()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "DevHarness.Oci.Client",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var emulator = await ObjectStorageTestContext.StartAsync();
        using var host = Build(("ConnectionStrings:objectstorage", $"Endpoint={emulator.Emulator.Url};Namespace=devharness"),
            builder => builder.AddOciObjectStorageClient("objectstorage"));

        var client = host.Services.GetRequiredService<ObjectStorageClient>();
        var ns = host.Services.GetRequiredService<ObjectStorageConnectionString>().Namespace!;
        var name = $"client-{Guid.NewGuid():N}.txt";
        using (var body = new MemoryStream("from a registered client"u8.ToArray()))
        {
            await client.PutObjectAsync(ns, "uploads", name, body, new PutObjectOptions(ContentType: "text/plain"), Ct).WaitAsync(Timeout, Ct);
        }

        using var got = await client.GetObjectAsync(ns, "uploads", name, cancellationToken: Ct).WaitAsync(Timeout, Ct);
        using var reader = new StreamReader(got.Content);
        Assert.Equal("from a registered client", await reader.ReadToEndAsync(Ct));
        var put = Assert.Single(spans, span => span.OperationName == "ObjectStorage PUT" && ((string?)span.GetTagItem("url.path"))?.EndsWith(name, StringComparison.Ordinal) == true);
        Assert.Equal(200, put.GetTagItem("http.response.status_code"));
        Assert.NotNull(put.GetTagItem("oci.request_id"));
        var report = await CheckAsync(host);
        Assert.Equal(HealthStatus.Healthy, report.Entries["OciObjectStorage_objectstorage"].Status);
    }

    [Fact]
    public async Task TheObjectStorageHealthCheckIsUnhealthyWhenNothingAnswers()
    {
        var closed = FreePort.Next();
        using var host = Build(("ConnectionStrings:objectstorage", $"Endpoint=http://127.0.0.1:{closed};Namespace=devharness"),
            builder => builder.AddOciObjectStorageClient("objectstorage", settings => settings.Retry = null));

        var report = await CheckAsync(host);

        var entry = report.Entries["OciObjectStorage_objectstorage"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.IsType<HttpRequestException>(entry.Exception);
    }

    [Fact]
    public async Task TheRegisteredProducerWritesInOrderAndTheRegisteredConsumerReadsItBack()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 3);
        using var host = Build(("ConnectionStrings:stream", ConnectionString(stream)), builder => builder
            .AddOciStreamProducer<string, string>("stream")
            .AddOciStreamConsumer<string, string>("stream", "client-tests", configureConfig: c => c.AutoOffsetReset = AutoOffsetReset.Earliest)
            .AddOciStreamClient("stream"));

        var topic = host.Services.GetRequiredService<StreamConnectionString>().StreamName!;
        var producer = host.Services.GetRequiredService<IProducer<string, string>>();
        for (var i = 0; i < 5; i++)
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "one-key", Value = $"m{i}" }, Ct).WaitAsync(Timeout, Ct);
        }

        var consumer = host.Services.GetRequiredService<IConsumer<string, string>>();
        consumer.Subscribe(topic);
        var read = new List<string>();
        var deadline = DateTime.UtcNow + Timeout;
        while (read.Count < 5 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                read.Add(result.Message.Value);
            }
        }

        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], read);
        var report = await CheckAsync(host);
        Assert.All(["OciStreamProducer_stream", "OciStreamConsumer_stream", "OciStreamClient_stream"],
            name => Assert.Equal(HealthStatus.Healthy, report.Entries[name].Status));
        consumer.Close();
    }

    [Fact]
    public async Task TheRegisteredRestClientPutsMessagesThatKafkaClientsSee()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        using var host = Build(("ConnectionStrings:stream", ConnectionString(stream)), builder => builder.AddOciStreamClient("stream"));

        var connection = host.Services.GetRequiredService<StreamConnectionString>();
        var result = await host.Services.GetRequiredService<StreamClient>()
            .PutMessagesAsync(connection.StreamId!, new PutMessagesDetails([new PutMessagesDetailsEntry("k"u8.ToArray(), "over REST"u8.ToArray())]), Ct)
            .WaitAsync(Timeout, Ct);

        Assert.Equal(0, result.Failures);
        var consumed = EmbeddedBrokerKafkaTests.Consume(stream, new TopicPartitionOffset(stream.Topic, 0, 0), 1).Single();
        Assert.Equal("over REST", Encoding.UTF8.GetString(consumed.Message.Value));
    }

    [Fact]
    public async Task TheKafkaHealthCheckIsUnhealthyForAStreamTheBrokerDoesNotHave()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        using var host = Build(("ConnectionStrings:stream", $"BootstrapServers={stream.BootstrapServers};StreamName=no-such-stream"),
            builder => builder.AddOciStreamProducer<byte[], byte[]>("stream"));

        var report = await CheckAsync(host);

        var entry = report.Entries["OciStreamProducer_stream"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("no-such-stream", entry.Description, StringComparison.Ordinal);
    }

    private static string ConnectionString(TestStream stream) =>
        $"BootstrapServers={stream.BootstrapServers};StreamId={stream.Stream.Ocid};StreamName={stream.Topic};MessagesEndpoint={stream.Emulator.FacadeUrl}";

    private static IHost Build((string Key, string Value) connection, Action<HostApplicationBuilder> register)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection([new(connection.Key, connection.Value)]);
        register(builder);
        return builder.Build();
    }

    private static Task<HealthReport> CheckAsync(IHost host) =>
        host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct).WaitAsync(Timeout, Ct);
}
