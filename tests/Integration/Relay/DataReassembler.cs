using System.Security.Cryptography;
using System.Text.Json;
using Confluent.Kafka;

namespace DevHarness.Integration.Relay;

/// <summary>
/// A consumer's view of one object's <c>relay.objectdata.v1</c> chunks: checks each message's contract
/// fields and order, and hashes the data as it arrives (objects too big to keep are never held).
/// </summary>
internal sealed class DataReassembler : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly string _eventId;

    public DataReassembler(string eventId) => _eventId = eventId;

    public long Bytes { get; private set; }

    public long Chunks { get; private set; }

    public int? Partition { get; private set; }

    public bool Complete { get; private set; }

    public int LargestMessage { get; private set; }

    /// <summary>Takes the next data message; returns false once the last chunk has arrived.</summary>
    public bool Add(ConsumeResult<byte[], byte[]> message)
    {
        LargestMessage = Math.Max(LargestMessage, message.Message.Value.Length + message.Message.Key.Length);
        Partition ??= message.Partition.Value;
        Assert.Equal(Partition, message.Partition.Value);
        using var json = JsonDocument.Parse(message.Message.Value);
        var root = json.RootElement;
        Assert.Equal("relay.objectdata.v1", root.GetProperty("type").GetString());
        Assert.Equal(Chunks, root.GetProperty("chunkindex").GetInt64());
        Assert.Equal($"{_eventId}/{Chunks}", root.GetProperty("id").GetString());
        Assert.Equal(_eventId, root.GetProperty("sourceeventid").GetString());
        var data = root.GetProperty("data_base64").GetBytesFromBase64();
        _hash.AppendData(data);
        Bytes += data.Length;
        Chunks++;
        Complete = Chunks == root.GetProperty("chunkcount").GetInt64();
        if (Complete)
        {
            Assert.Equal(Bytes, root.GetProperty("objectsize").GetInt64());
        }

        return !Complete;
    }

    public byte[] Sha256() => _hash.GetHashAndReset();

    public void Dispose() => _hash.Dispose();
}
