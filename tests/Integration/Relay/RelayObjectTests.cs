using System.Text;
using System.Threading.Channels;
using Confluent.Kafka;
using System.Text.Json;
using DevHarness.Relay.Contract;
using DevHarness.Support;

namespace DevHarness.Integration.Relay;

/// <summary>
/// Objects of every interesting size, reassembled by an independent Kafka consumer that compares a
/// running SHA-256.
/// </summary>
[Collection(LargeObjectTestGroup.Name)]
public sealed class RelayObjectTests
{
    private const long ChunkBoundary = -1;
    private const long PastChunkBoundary = -2;

    [Theory]
    [InlineData("kafka", 0L, RelayBuild.JitName)]
    [InlineData("kafka", 1024L, RelayBuild.JitName)]
    [InlineData("kafka", ChunkBoundary, RelayBuild.JitName)]
    [InlineData("kafka", PastChunkBoundary, RelayBuild.JitName)]
    [InlineData("kafka", 5L * 1024 * 1024, RelayBuild.JitName)]
    [InlineData("rest", 1024L, RelayBuild.JitName)]
    [InlineData("rest", 5L * 1024 * 1024, RelayBuild.JitName)]
    [InlineData("kafka", 0L, RelayBuild.AotName)]
    [InlineData("kafka", 1024L, RelayBuild.AotName)]
    [InlineData("kafka", ChunkBoundary, RelayBuild.AotName)]
    [InlineData("kafka", PastChunkBoundary, RelayBuild.AotName)]
    [InlineData("kafka", 5L * 1024 * 1024, RelayBuild.AotName)]
    [InlineData("rest", 1024L, RelayBuild.AotName)]
    [InlineData("rest", 5L * 1024 * 1024, RelayBuild.AotName)]
    public async Task ObjectIsReassembledExactlyFromTheStream(string publisher, long size, string build)
    {
        await using var bed = await RelayTestBed.StartAsync(publisher, build: build);
        var name = $"sized/{publisher}-{size}.bin";
        if (size < 0)
        {
            // The chunk size depends on the envelope (etag, name, digits): learn the etag, then size the object to it.
            var probe = await bed.UploadAsync(name, new PatternStream(1), 1);
            var chunk = ChunkSizeFor(name, probe.ETag, 800_000);
            size = size == ChunkBoundary ? chunk : chunk + 1;
        }

        var put = await bed.UploadAsync(name, new PatternStream(size), size);
        var eventId = Guid.NewGuid().ToString();
        using var data = new DataReassembler(eventId);
        var consumed = ConsumeObjectAsync(bed, data);

        var (status, answer) = await bed.CallAsync(TestEvents.Object("createobject", name, eventId));

        Assert.True(status == 200, answer + Environment.NewLine + bed.Relay.Output);
        await consumed;
        Assert.True(data.Complete);
        Assert.Equal(size, data.Bytes);
        Assert.Equal(PatternStream.Sha256(size), data.Sha256());
        Assert.True(data.LargestMessage <= 1024 * 1024, $"A message of {data.LargestMessage} bytes exceeds 1 MiB.");
        var chunkSize = ChunkSizeFor(name, put.ETag, size);
        Assert.Equal(size == 0 ? 1 : (size + chunkSize - 1) / chunkSize, data.Chunks);
    }

    [Fact]
    public async Task LargeObjectStreamsThroughBoundedMemory()
    {
        const long size = 300L * 1024 * 1024;
        await using var bed = await RelayTestBed.StartAsync(onDisk: true, build: RelayBuilds.Shipped, overrides: new Dictionary<string, string?>
        {
            ["Relay__MaxInlineBytes"] = (1L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture),
            // 300 MiB through a loaded 2-core machine can take longer than the 30 s default deadline.
            ["Relay__DefaultDeadlineSeconds"] = "900",
        });
        var token = TestContext.Current.CancellationToken;

        // A small call first, so start-up and JIT are not counted as the large object's cost.
        await bed.UploadAsync("warm.bin", new PatternStream(1024), 1024);
        Assert.Equal(200, (await bed.CallAsync(TestEvents.Object("createobject", "warm.bin"))).Status);
        await bed.Tail.ReadAsync(2, token);

        await bed.UploadAsync("large/300MiB.bin", new PatternStream(size), size);
        var baseline = bed.Relay.RssBytes();
        var eventId = Guid.NewGuid().ToString();
        using var data = new DataReassembler(eventId);
        var consumed = ConsumeObjectAsync(bed, data, TimeSpan.FromMinutes(8));

        var (status, answer) = await bed.CallAsync(TestEvents.Object("createobject", "large/300MiB.bin", eventId));

        Assert.True(status == 200, answer + Environment.NewLine + bed.Relay.Output);
        var growth = bed.Relay.PeakRssBytes() - baseline;
        Assert.True(growth < 128L * 1024 * 1024, $"The relay's RSS grew by {growth / 1048576.0:F1} MiB for a 300 MiB object.");
        await consumed;
        TestContext.Current.TestOutputHelper?.WriteLine($"300 MiB object: relay RSS {baseline / 1048576.0:F1} MiB before, peak growth {growth / 1048576.0:F1} MiB");
        Assert.Equal(size, data.Bytes);
        Assert.Equal(PatternStream.Sha256(size), data.Sha256());
    }

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task ObjectAboveMaxInlineBytesIsRelayedAsAReference(string build)
    {
        await using var bed = await RelayTestBed.StartAsync(build: build, overrides: new Dictionary<string, string?> { ["Relay__MaxInlineBytes"] = "1000" });
        var put = await bed.UploadAsync("big/ref.bin", new PatternStream(2048), 2048);
        var body = TestEvents.Object("createobject", "big/ref.bin");

        var (status, answer) = await bed.CallAsync(body);

        Assert.Equal(200, status);
        Assert.Contains("\"data\":\"reference\"", answer, StringComparison.Ordinal);
        var messages = await bed.Tail.ReadExactlyAsync(2, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.Equal(body, messages[0].Message.Value);
        using var reference = JsonDocument.Parse(messages[1].Message.Value);
        Assert.Equal("relay.objectref.v1", reference.RootElement.GetProperty("type").GetString());
        var data = reference.RootElement.GetProperty("data");
        Assert.Equal("devharness", data.GetProperty("namespace").GetString());
        Assert.Equal("uploads", data.GetProperty("bucket").GetString());
        Assert.Equal("big/ref.bin", data.GetProperty("object").GetString());
        Assert.Equal(2048, data.GetProperty("size").GetInt64());
        Assert.Equal(put.ETag, data.GetProperty("etag").GetString());
    }

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task ObjectDeletedSinceTheEventIsRelayedWithAMissingMarker(string build)
    {
        await using var bed = await RelayTestBed.StartAsync(build: build);
        var body = TestEvents.Object("createobject", "gone/already.txt");

        var (status, answer) = await bed.CallAsync(body);

        Assert.Equal(200, status);
        Assert.Contains("\"data\":\"missing\"", answer, StringComparison.Ordinal);
        var messages = await bed.Tail.ReadExactlyAsync(2, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.Equal(body, messages[0].Message.Value);
        using var missing = JsonDocument.Parse(messages[1].Message.Value);
        Assert.Equal("relay.objectmissing.v1", missing.RootElement.GetProperty("type").GetString());
        Assert.Equal("gone/already.txt", missing.RootElement.GetProperty("subject").GetString());
        Assert.Equal("devharness/uploads/gone/already.txt", Encoding.UTF8.GetString(messages[1].Message.Key));
    }

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task SeedFormatRefusesAnObjectThatCannotFitOneRequest(string build)
    {
        await using var bed = await RelayTestBed.StartAsync(format: "seed", build: build);
        await bed.UploadAsync("seed/too-big.bin", new PatternStream(2 * 1024 * 1024), 2 * 1024 * 1024);

        var (status, answer) = await bed.CallAsync(TestEvents.Object("createobject", "seed/too-big.bin"));

        Assert.Equal(422, status);
        Assert.Contains("format 'seed' publishes it as one message", answer, StringComparison.Ordinal);
        Assert.Contains("Use Relay:Format=cloudevents", answer, StringComparison.Ordinal);
        await bed.Tail.ReadExactlyAsync(0, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
    }

    private static int ChunkSizeFor(string name, string? etag, long size)
    {
        var id = new ObjectIdentity(TestEvents.Namespace, TestEvents.Bucket, name);
        var description = new ObjectDescription(id, "application/octet-stream", etag, size);
        return DataChunkLayout.For(description, new SourceEvent(Guid.NewGuid().ToString(), "2026-11-20T09:14:03Z"), id.Key().Length).ChunkSize;
    }

    /// <summary>
    /// Skips the event message, then feeds every data chunk to <paramref name="data"/> until the last. The
    /// consumer thread only queues, so checking and hashing run beside the fetches.
    /// </summary>
    private static async Task ConsumeObjectAsync(RelayTestBed bed, DataReassembler data, TimeSpan? timeout = null)
    {
        var queue = Channel.CreateUnbounded<ConsumeResult<byte[], byte[]>>();
        var sawEvent = false;
        var checking = Task.Run(async () =>
        {
            await foreach (var message in queue.Reader.ReadAllAsync())
            {
                if (!data.Add(message))
                {
                    return;
                }
            }
        });
        await bed.Tail.ConsumeWhileAsync(message =>
        {
            if (!sawEvent)
            {
                sawEvent = true;
                // Each bed's topic is new: the event is the partition's first message, and the broker keeps it.
                Assert.Equal(0, message.Offset.Value);
                Assert.True(message.Message.Value.AsSpan().IndexOf("\"cloudEventsVersion\""u8) >= 0, "The OCI event comes first.");
                return true;
            }

            queue.Writer.TryWrite(message);
            return !IsLastChunk(message.Message.Value);
        }, timeout ?? TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
        queue.Writer.Complete();
        await checking.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
    }

    /// <summary>chunkindex + 1 == chunkcount, read cheaply on the consumer thread.</summary>
    private static bool IsLastChunk(ReadOnlySpan<byte> message)
    {
        var reader = new System.Text.Json.Utf8JsonReader(message);
        long index = -1, count = -2;
        while (reader.Read() && (index < 0 || count < 0))
        {
            if (reader.TokenType == System.Text.Json.JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "chunkindex")
                {
                    index = reader.GetInt64();
                }
                else if (name == "chunkcount")
                {
                    count = reader.GetInt64();
                }
                else if (name == "data_base64")
                {
                    break;
                }
            }
        }

        return index + 1 == count;
    }
}
