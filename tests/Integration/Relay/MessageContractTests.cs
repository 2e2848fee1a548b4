using System.Buffers;
using System.Text;
using System.Text.Json;
using DevHarness.Oci.Streaming;
using DevHarness.Relay.Contract;

namespace DevHarness.Integration.Relay;

/// <summary>The message contract's sizing and shapes (docs/message-contract.md), checked without a stream.</summary>
public sealed class MessageContractTests
{
    private static readonly SourceEvent Event = new("1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901", "2026-11-20T09:14:03Z");

    [Theory]
    [InlineData("a.txt", 1L)]
    [InlineData("datasets/train.csv", 5L * 1024 * 1024)]
    [InlineData("reports 2024/Überblick/Größe+Preis – 東京.csv", 300L * 1024 * 1024)]
    [InlineData("x", 50L * 1024 * 1024 * 1024)]
    public void EveryFullChunkMessageFitsTheStreamLimitWithItsKey(string name, long size)
    {
        var id = new ObjectIdentity("devharness", "uploads", name);
        var description = new ObjectDescription(id, "text/csv; charset=utf-8", "8d1c7e2a-3b4f-4e6a-9c0d-1e2f3a4b5c6d", size);
        var key = id.Key();
        var layout = DataChunkLayout.For(description, Event, key.Length);
        var chunk = new byte[Math.Min(layout.ChunkSize, size)];

        // The longest envelope is the last chunk's (most digits in its index).
        var message = CloudEventWriter.DataChunk(description, Event, layout.ChunkCount - 1, layout.ChunkCount, chunk, new ArrayBufferWriter<byte>());

        Assert.True(key.Length + message.Length <= StreamLimits.MaxMessageBytes - DataChunkLayout.FramingAllowance,
            $"{key.Length} + {message.Length} bytes exceed the limit");
        Assert.True(layout.ChunkSize > 700_000, $"Chunks of {layout.ChunkSize} bytes waste the 1 MiB limit.");
        Assert.Equal((size + layout.ChunkSize - 1) / layout.ChunkSize, layout.ChunkCount);
    }

    [Fact]
    public void DataMessageIsStructuredCloudEvent()
    {
        var id = new ObjectIdentity("devharness", "uploads", "reports/Größe.csv");
        var description = new ObjectDescription(id, "text/csv", "etag-1", 3);

        var message = CloudEventWriter.DataChunk(description, Event, 0, 1, "a,b"u8, new ArrayBufferWriter<byte>());

        using var json = JsonDocument.Parse(message);
        var root = json.RootElement;
        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal("relay.objectdata.v1", root.GetProperty("type").GetString());
        Assert.Equal($"{Event.EventId}/0", root.GetProperty("id").GetString());
        Assert.Equal("/n/devharness/b/uploads", root.GetProperty("source").GetString());
        Assert.Equal("reports/Größe.csv", root.GetProperty("subject").GetString());
        Assert.Equal("text/csv", root.GetProperty("datacontenttype").GetString());
        Assert.Equal("etag-1", root.GetProperty("etag").GetString());
        Assert.Equal(3, root.GetProperty("objectsize").GetInt64());
        Assert.Equal(0, root.GetProperty("chunkindex").GetInt64());
        Assert.Equal(1, root.GetProperty("chunkcount").GetInt64());
        Assert.Equal(Event.EventId, root.GetProperty("sourceeventid").GetString());
        Assert.Equal("a,b"u8.ToArray(), root.GetProperty("data_base64").GetBytesFromBase64());
        Assert.Equal(Event.EventTime, root.GetProperty("time").GetString());
    }

    [Fact]
    public void EmptyObjectIsOneChunkWithEmptyData()
    {
        var description = new ObjectDescription(new ObjectIdentity("devharness", "uploads", "empty"), "application/octet-stream", null, 0);

        var layout = DataChunkLayout.For(description, Event, 20);

        Assert.Equal(1, layout.ChunkCount);
    }

    [Fact]
    public void KeyLongerThanOciAllowsBecomesStableHashedKey()
    {
        var name = string.Concat(Enumerable.Repeat("folder/", 40)) + "file.bin";
        var id = new ObjectIdentity("devharness", "uploads", name);

        var key = id.Key();

        Assert.True(key.Length <= StreamLimits.MaxKeyBytes);
        Assert.StartsWith("devharness/uploads/sha256:", Encoding.UTF8.GetString(key), StringComparison.Ordinal);
        Assert.Equal(key, new ObjectIdentity("devharness", "uploads", name).Key());
        Assert.NotEqual(key, new ObjectIdentity("devharness", "uploads", name + "2").Key());
        Assert.Equal("devharness/uploads/short.txt"u8.ToArray(), new ObjectIdentity("devharness", "uploads", "short.txt").Key());
    }

    [Fact]
    public void SeedLimitLeavesRoomForTheEventInOneRequest()
    {
        var eventBytes = 900;

        var limit = SeedMessages.MaxObjectBytes(eventBytes);

        Assert.Equal(StreamLimits.MaxRequestBytes, limit + eventBytes + "event-key-1".Length + "data-key-1".Length + DataChunkLayout.FramingAllowance);
    }
}
