using System.Text;
using DevHarness.Integration.Infrastructure;
using DevHarness.Oci.Events;
using DevHarness.Oci.ObjectStorage;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// The same flow with <c>--kafka container</c>: an <c>apache/kafka</c> KRaft container behind the stream
/// facade. Where no Docker engine answers it skips with the reason.
/// </summary>
public sealed class KafkaContainerEndToEndTests
{
    [Fact]
    public async Task UploadThroughTheContainerBrokerArrivesAsTheContractSays()
    {
        DockerAvailability.SkipIfUnavailable();
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HarnessHost.StartAsync("container", "kafka", [HarnessHost.Option("no-replay", "true")], waitForHealthy: true, ct);
        await host.App.ResourceNotifications.WaitForResourceHealthyAsync("stream-kafka", ct).WaitAsync(HarnessHost.StartTimeout, ct);
        var prefix = $"t-{Guid.NewGuid():N}/";
        var keyPrefix = RelayContract.KeyOf(HarnessHost.Namespace, HarnessHost.Bucket, prefix);
        await using var kafka = KafkaRecorder.Start(host.KafkaBootstrap, HarnessHost.Topic, HarnessHost.Partitions, keyPrefix);
        await using var rest = await RestRecorder.StartAsync(host.Streams, HarnessHost.StreamOcid, HarnessHost.Partitions, keyPrefix, ct);

        var name = prefix + "container.json";
        var body = Encoding.UTF8.GetBytes("{\"broker\":\"apache/kafka\"}");
        using var stream = new MemoryStream(body);
        var put = await host.ObjectStorage.PutObjectAsync(
            HarnessHost.Namespace, HarnessHost.Bucket, name, stream, new PutObjectOptions(ContentType: "application/json"), ct);
        var write = new ExpectedWrite(ObjectStorageEventKind.Create, body, "application/json", put.ETag);
        var key = RelayContract.KeyOf(HarnessHost.Namespace, HarnessHost.Bucket, name);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!(RelayContract.IsComplete(kafka.Messages, key, [write]) && RelayContract.IsComplete(rest.Messages, key, [write])))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the messages for {key} did not arrive through the container broker");
            await Task.Delay(200, ct);
        }

        RelayContract.AssertObject(kafka.Messages, HarnessHost.Namespace, HarnessHost.Bucket, name, [write]);
        RelayContract.AssertSameMessages(kafka.Messages, rest.Messages);
    }
}
