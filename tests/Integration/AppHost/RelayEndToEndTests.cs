using System.Security.Cryptography;
using System.Text;
using DevHarness.Oci.Events;
using DevHarness.Oci.ObjectStorage;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// Uploads through <c>src/Oci</c>'s client to the Object Storage emulator of a running AppHost and asserts
/// the stream then holds exactly the contract's messages, read with Confluent.Kafka and through the REST
/// facade (both subscribed before the uploads). Run once per publisher by the two sealed classes below.
/// </summary>
public abstract class RelayEndToEndTests<TFixture>(TFixture fixture)
    where TFixture : HarnessFixture
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromMinutes(3);

    private HarnessHost Host => fixture.Host;

    [Fact]
    public async Task CreateUpdateDeleteEachRelayExactlyTheirMessages()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = UniquePrefix();
        var name = prefix + "folder/report 1.json";
        await using var kafka = StartKafka(prefix);
        await using var rest = await StartRestAsync(prefix, ct);
        var writes = new List<ExpectedWrite>();

        writes.Add(await PutAsync(name, Encoding.UTF8.GetBytes("{\"version\":1}"), "application/json", ct));
        await WaitForAsync([(name, writes.ToList())], kafka, rest, ct);
        writes.Add(await PutAsync(name, Encoding.UTF8.GetBytes("{\"version\":2,\"more\":true}"), "application/json", ct));
        await WaitForAsync([(name, writes.ToList())], kafka, rest, ct);
        await Host.ObjectStorage.DeleteObjectAsync(HarnessHost.Namespace, HarnessHost.Bucket, name, cancellationToken: ct);
        writes.Add(new ExpectedWrite(ObjectStorageEventKind.Delete));
        await WaitForAsync([(name, writes)], kafka, rest, ct);

        Assert.Equal([ObjectStorageEventKind.Create, ObjectStorageEventKind.Update, ObjectStorageEventKind.Delete], writes.Select(w => w.Kind));
        RelayContract.AssertObject(kafka.Messages, HarnessHost.Namespace, HarnessHost.Bucket, name, writes);
        RelayContract.AssertSameMessages(kafka.Messages, rest.Messages);
    }

    [Fact]
    public async Task FiveMebibyteObjectArrivesInChunksUnderTheMessageLimit()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = UniquePrefix();
        var name = prefix + "big.bin";
        await using var kafka = StartKafka(prefix);
        await using var rest = await StartRestAsync(prefix, ct);

        var write = await PutAsync(name, RandomNumberGenerator.GetBytes(5 * 1024 * 1024), "application/octet-stream", ct);
        await WaitForAsync([(name, [write])], kafka, rest, ct);

        RelayContract.AssertObject(kafka.Messages, HarnessHost.Namespace, HarnessHost.Bucket, name, [write]);
        Assert.True(kafka.Messages.Count >= 7, $"5 MiB in base64 needs at least 6 chunks under 1 MB, plus the event; got {kafka.Messages.Count} messages");
        RelayContract.AssertSameMessages(kafka.Messages, rest.Messages);
    }

    [Fact]
    public async Task BurstOfTwoHundredUploadsLosesNothingAndKeepsEachObjectInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = UniquePrefix();
        await using var kafka = StartKafka(prefix);
        await using var rest = await StartRestAsync(prefix, ct);

        var expected = await UploadBurstAsync(prefix, 200, onUploaded: null, ct);
        await WaitForAsync(expected, kafka, rest, ct);

        foreach (var (name, writes) in expected)
        {
            RelayContract.AssertObject(kafka.Messages, HarnessHost.Namespace, HarnessHost.Bucket, name, writes);
        }

        Assert.Equal(400, RelayContract.Deduplicate(kafka.Messages).Count);
        RelayContract.AssertSameMessages(kafka.Messages, rest.Messages);
    }

    [Fact]
    public async Task RelayRestartInTheMiddleOfABurstLosesNoObject()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = UniquePrefix();
        await using var kafka = StartKafka(prefix);
        await using var rest = await StartRestAsync(prefix, ct);

        Task? restart = null;
        var expected = await UploadBurstAsync(
            prefix,
            120,
            uploaded =>
            {
                if (uploaded == 40)
                {
                    restart = Host.RestartAsync("relay", ct);
                }
            },
            ct);
        Assert.NotNull(restart);
        await restart;
        await WaitForAsync(expected, kafka, rest, ct);

        // At-least-once: duplicates may appear, only with the same CloudEvents id (Deduplicate checks the bytes).
        foreach (var (name, writes) in expected)
        {
            RelayContract.AssertObject(kafka.Messages, HarnessHost.Namespace, HarnessHost.Bucket, name, writes);
        }

        RelayContract.AssertSameMessages(kafka.Messages, rest.Messages);
    }

    private static string UniquePrefix() => $"t-{Guid.NewGuid():N}/";

    private static string KeyPrefix(string prefix) => RelayContract.KeyOf(HarnessHost.Namespace, HarnessHost.Bucket, prefix);

    private KafkaRecorder StartKafka(string prefix) =>
        KafkaRecorder.Start(Host.KafkaBootstrap, HarnessHost.Topic, HarnessHost.Partitions, KeyPrefix(prefix));

    private Task<RestRecorder> StartRestAsync(string prefix, CancellationToken ct) =>
        RestRecorder.StartAsync(Host.Streams, HarnessHost.StreamOcid, HarnessHost.Partitions, KeyPrefix(prefix), ct);

    private async Task<ExpectedWrite> PutAsync(string name, byte[] body, string contentType, CancellationToken ct)
    {
        var existed = await Host.ObjectStorage.TryHeadObjectAsync(HarnessHost.Namespace, HarnessHost.Bucket, name, cancellationToken: ct) is not null;
        using var stream = new MemoryStream(body);
        var response = await Host.ObjectStorage.PutObjectAsync(
            HarnessHost.Namespace, HarnessHost.Bucket, name, stream, new PutObjectOptions(ContentType: contentType), ct);
        return new ExpectedWrite(existed ? ObjectStorageEventKind.Update : ObjectStorageEventKind.Create, body, contentType, response.ETag);
    }

    /// <summary>Uploads <paramref name="count"/> distinct 1–4 KiB objects, eight at a time.</summary>
    private async Task<List<(string Name, IReadOnlyList<ExpectedWrite> Writes)>> UploadBurstAsync(
        string prefix, int count, Action<int>? onUploaded, CancellationToken ct)
    {
        var expected = new (string, IReadOnlyList<ExpectedWrite>)[count];
        var uploaded = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, token) =>
            {
                var name = $"{prefix}burst/{i:D4}.json";
                var body = Encoding.UTF8.GetBytes($"{{\"index\":{i},\"padding\":\"{new string('x', 1024 * (1 + (i % 4)))}\"}}");
                var write = await PutAsync(name, body, "application/json", token);
                expected[i] = (name, [write]);
                onUploaded?.Invoke(Interlocked.Increment(ref uploaded));
            });
        return [.. expected];
    }

    private static async Task WaitForAsync(
        IReadOnlyList<(string Name, IReadOnlyList<ExpectedWrite> Writes)> expected, KafkaRecorder kafka, RestRecorder? rest, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + DeliveryTimeout;
        while (true)
        {
            var kafkaMessages = kafka.Messages;
            var restMessages = rest?.Messages ?? [];
            var missing = expected
                .Where(e =>
                {
                    var key = RelayContract.KeyOf(HarnessHost.Namespace, HarnessHost.Bucket, e.Name);
                    return !RelayContract.IsComplete(kafkaMessages, key, e.Writes)
                        || (rest is not null && !RelayContract.IsComplete(restMessages, key, e.Writes));
                })
                .Select(e => e.Name)
                .ToList();
            if (missing.Count == 0)
            {
                // Both views are complete; give a late duplicate no chance to sneak in between the two reads.
                if (kafka.Messages.Count == kafkaMessages.Count && (rest?.Messages.Count ?? 0) == restMessages.Count)
                {
                    return;
                }

                continue;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{missing.Count} object(s) lack messages after {DeliveryTimeout}: {string.Join(", ", missing.Take(5))}; Kafka saw {kafkaMessages.Count}, REST {restMessages.Count}");
            }

            await Task.Delay(200, ct);
        }
    }
}

/// <summary>The end-to-end flow with the Kafka-protocol publisher.</summary>
public sealed class KafkaPublisherEndToEndTests(KafkaPublisherHarness fixture)
    : RelayEndToEndTests<KafkaPublisherHarness>(fixture), IClassFixture<KafkaPublisherHarness>;

/// <summary>The end-to-end flow with the PutMessages (REST) publisher.</summary>
public sealed class RestPublisherEndToEndTests(RestPublisherHarness fixture)
    : RelayEndToEndTests<RestPublisherHarness>(fixture), IClassFixture<RestPublisherHarness>;
