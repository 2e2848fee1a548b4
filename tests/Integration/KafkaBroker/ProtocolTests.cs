using System.Buffers.Binary;
using System.Text;
using DevHarness.KafkaBroker;
using DevHarness.KafkaBroker.Records;
using static DevHarness.Integration.KafkaBroker.RawKafkaConnection;

namespace DevHarness.Integration.KafkaBroker;

/// <summary>The wire protocol where clients would hide it: version negotiation, checksums, waiting fetches, recovery.</summary>
public sealed class ProtocolTests
{
    [Fact]
    public async Task ApiVersionsV3AdvertisesExactlyWhatIsImplementedAndNoProducerIdApis()
    {
        await using var broker = await TestBroker.StartAsync();
        using var connection = await OpenAsync(broker.Bootstrap);

        // v3 is flexible: compact strings for the client's name and version, then an empty tag buffer.
        var response = await connection.SendAsync(18, 3, [5, .. "test"u8.ToArray(), 4, .. "1.0"u8.ToArray(), 0], flexibleHeader: true);

        Assert.Equal(0, BinaryPrimitives.ReadInt16BigEndian(response));
        var count = response[2] - 1; // compact array length
        var advertised = Enumerable.Range(0, count).Select(i => 3 + (i * 7)).Select(at => (
            Key: BinaryPrimitives.ReadInt16BigEndian(response.AsSpan(at)),
            Min: BinaryPrimitives.ReadInt16BigEndian(response.AsSpan(at + 2)),
            Max: BinaryPrimitives.ReadInt16BigEndian(response.AsSpan(at + 4)))).ToList();
        Assert.Equal(
            [(0, 3, 7), (1, 4, 11), (2, 1, 5), (3, 1, 8), (8, 2, 7), (9, 1, 5), (10, 0, 2), (11, 0, 5), (12, 0, 3), (13, 0, 3), (14, 0, 3), (18, 0, 3)],
            advertised.Select(a => ((int)a.Key, (int)a.Min, (int)a.Max)).OrderBy(a => a.Item1));
        Assert.DoesNotContain(advertised, a => a.Key is 22 or 24 or 25 or 26 or 28); // InitProducerId and the transaction APIs
    }

    [Fact]
    public async Task ANewerApiVersionsIsAnsweredInV0WithUnsupportedVersionAndTheList()
    {
        await using var broker = await TestBroker.StartAsync();
        using var connection = await OpenAsync(broker.Bootstrap);

        var response = await connection.SendAsync(18, 9, [], flexibleHeader: true);

        Assert.Equal(35, BinaryPrimitives.ReadInt16BigEndian(response)); // UNSUPPORTED_VERSION
        Assert.Equal(12, BinaryPrimitives.ReadInt32BigEndian(response.AsSpan(2)));
    }

    [Fact]
    public async Task AnApiVersionNotAdvertisedClosesTheConnection()
    {
        await using var broker = await TestBroker.StartAsync();
        using var connection = await OpenAsync(broker.Bootstrap);

        var close = connection.SendAsync(22, 0, [.. BigEndian((short)-1), .. BigEndian(60000)]); // InitProducerId

        await Assert.ThrowsAnyAsync<Exception>(() => close);
        Assert.True(await connection.IsClosedAsync());
        Assert.Contains(broker.Logs.Lines, l => l.Message.Contains("InitProducerId", StringComparison.Ordinal) || l.Message.Contains("API 22", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABatchWithABadChecksumIsCorruptAndNothingIsWritten()
    {
        await using var broker = await TestBroker.StartAsync();
        using var connection = await OpenAsync(broker.Bootstrap);
        var batch = BatchBuilder.Build([new NewRecord(null, "hello"u8.ToArray())], 1_700_000_000_000);
        batch[^1] ^= 0xff;

        var response = await connection.SendAsync(0, 7, Produce(broker.Topic, batch));

        Assert.Equal(2, ProduceError(response, broker.Topic)); // CORRUPT_MESSAGE
        Assert.Equal(0, broker.Broker.GetPartition(broker.Topic, 0).NextOffset);
    }

    [Fact]
    public async Task AWaitingFetchIsAnsweredWhenDataArrivesNotWhenItsWaitRunsOut()
    {
        await using var broker = await TestBroker.StartAsync();
        using var connection = await OpenAsync(broker.Bootstrap);

        // Wait up to ten minutes for one byte: only an answer on arrival can beat the test's own timeout.
        var fetch = connection.SendAsync(1, 11, Fetch(broker.Topic, offset: 0, maxWaitMs: 600_000));
        await Infrastructure.Eventually.TrueAsync(() => broker.Logs.Lines.Count > 0, "the broker to be up");
        Assert.False(fetch.IsCompleted, "nothing to fetch yet");
        broker.Broker.GetPartition(broker.Topic, 0).Append([new NewRecord("k"u8.ToArray(), "arrived"u8.ToArray())]);

        var response = await fetch.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.True(response.AsSpan().IndexOf("arrived"u8) > 0, "the answer carries the record");
    }

    [Fact]
    public async Task ATornLastBatchIsCutOnRestartAndOffsetsContinue()
    {
        var data = Directory.CreateTempSubdirectory("devharness-torn-").FullName;
        try
        {
            var options = new BrokerOptions { Port = 0, DataDirectory = data, Topics = [new TopicDefinition("torn", 1)] };
            await using (var broker = await Broker.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken))
            {
                broker.GetPartition("torn", 0).Append([new NewRecord(null, "one"u8.ToArray()), new NewRecord(null, "two"u8.ToArray())]);
            }

            // What a process killed inside a write leaves: the first part of a batch.
            var segment = Path.Combine(data, "topics", "torn", "0", $"{0:D20}.log");
            var partial = BatchBuilder.Build([new NewRecord(null, new byte[4096])], 1_700_000_000_000)[..1000];
            BinaryPrimitives.WriteInt64BigEndian(partial, 2);
            await File.AppendAllBytesAsync(segment, partial, TestContext.Current.CancellationToken);

            var logs = new Infrastructure.CapturingLoggerFactory();
            await using var restarted = await Broker.StartAsync(options, logs, TestContext.Current.CancellationToken);
            var log = restarted.GetPartition("torn", 0);
            Assert.Equal(2, log.NextOffset);
            Assert.Equal(["one", "two"], log.Read(0, 10, long.MaxValue).Select(r => Encoding.UTF8.GetString(r.Value!)));
            Assert.Contains(logs.Lines, l => l.Message.Contains("cut at byte", StringComparison.Ordinal));
            Assert.Equal(2, log.Append([new NewRecord(null, "three"u8.ToArray())]).BaseOffset);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void Crc32CMatchesTheStandardCheckValue() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));

    [Fact]
    public async Task ASecondBrokerOnTheSameDataFolderIsRefused()
    {
        var data = Directory.CreateTempSubdirectory("devharness-lock-").FullName;
        try
        {
            await using var first = await Broker.StartAsync(new BrokerOptions { Port = 0, DataDirectory = data }, cancellationToken: TestContext.Current.CancellationToken);
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Broker.StartAsync(new BrokerOptions { Port = 0, DataDirectory = data }, cancellationToken: TestContext.Current.CancellationToken));
            Assert.Contains("is in use by another broker", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task APartitionCountThatDiffersFromTheOneOnDiskIsAClearError()
    {
        var data = Directory.CreateTempSubdirectory("devharness-partitions-").FullName;
        try
        {
            await using (await Broker.StartAsync(new BrokerOptions { Port = 0, DataDirectory = data, Topics = [new("fixed", 3)] }, cancellationToken: TestContext.Current.CancellationToken))
            {
            }

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                Broker.StartAsync(new BrokerOptions { Port = 0, DataDirectory = data, Topics = [new("fixed", 5)] }, cancellationToken: TestContext.Current.CancellationToken));
            Assert.Contains("has 3 partitions", error.Message, StringComparison.Ordinal);
            Assert.Contains("cannot change", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Produce v7 of one batch to partition 0, acks=all.</summary>
    private static byte[] Produce(string topic, byte[] batch) =>
        [.. BigEndian((short)-1), .. BigEndian((short)-1), .. BigEndian(30_000), .. BigEndian(1), .. String(topic), .. BigEndian(1), .. BigEndian(0), .. BigEndian(batch.Length), .. batch];

    private static short ProduceError(byte[] response, string topic)
    {
        var partition = 4 + 2 + Encoding.UTF8.GetByteCount(topic) + 4; // topics count, name, partitions count
        return BinaryPrimitives.ReadInt16BigEndian(response.AsSpan(partition + 4));
    }

    /// <summary>Fetch v11 of partition 0 from <paramref name="offset"/>, min_bytes 1.</summary>
    private static byte[] Fetch(string topic, long offset, int maxWaitMs) =>
        [.. BigEndian(-1), .. BigEndian(maxWaitMs), .. BigEndian(1), .. BigEndian(1 << 20), 0, .. BigEndian(0), .. BigEndian(-1),
         .. BigEndian(1), .. String(topic), .. BigEndian(1), .. BigEndian(0), .. BigEndian(-1), .. BigEndian(offset), .. BigEndian(-1L), .. BigEndian(1 << 20),
         .. BigEndian(0), .. String("")];
}
