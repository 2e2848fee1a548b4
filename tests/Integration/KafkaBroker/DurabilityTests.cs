using System.Buffers.Binary;
using System.Collections.Concurrent;
using Confluent.Kafka;
using DevHarness.Integration.Infrastructure;

namespace DevHarness.Integration.KafkaBroker;

/// <summary>
/// What was acknowledged survives the stream process being killed (SIGKILL, mid-burst) and restarted with the
/// same <c>--data-dir</c>: every acknowledged message at its offset with its bytes, offsets continuing, and
/// committed group offsets kept.
/// </summary>
public sealed class DurabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryAcknowledgedMessageSurvivesAKillAndOffsetsContinue()
    {
        var data = Directory.CreateTempSubdirectory("devharness-durability-").FullName;
        try
        {
            var kafkaPort = FreePort.Next();
            const string Stream = "ocid1.stream.oc1.local.durable=durable:2";
            var acknowledged = new ConcurrentDictionary<(int Partition, long Offset), int>();
            using (var first = await StreamProcess.StartAsync(data, Stream, kafkaPort))
            {
                using (var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = first.Bootstrap, GroupId = "kept", EnableAutoCommit = false }).Build())
                {
                    consumer.Commit([new TopicPartitionOffset("durable", 1, 7)]);
                }

                using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
                {
                    BootstrapServers = first.Bootstrap, Acks = Acks.All, EnableIdempotence = false, LingerMs = 1, MessageTimeoutMs = 10_000,
                }).Build();
                var index = 0;
                // A burst that is still going when the process dies: the kill lands between and inside writes.
                while (acknowledged.Count < 3000)
                {
                    var value = new byte[512];
                    BinaryPrimitives.WriteInt32BigEndian(value, index);
                    var sent = index++;
                    producer.Produce("durable", new Message<byte[]?, byte[]> { Key = BitConverter.GetBytes(sent), Value = value }, report =>
                    {
                        if (!report.Error.IsError)
                        {
                            acknowledged[(report.Partition.Value, report.Offset.Value)] = sent;
                        }
                    });
                    if (sent % 100 == 0)
                    {
                        producer.Poll(TimeSpan.FromMilliseconds(1));
                    }
                }

                await first.KillAsync();
                producer.Flush(TimeSpan.FromSeconds(15));
            }

            var kept = acknowledged.ToDictionary();
            using var second = await StreamProcess.StartAsync(data, Stream, kafkaPort);
            using var reader = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig { BootstrapServers = second.Bootstrap, GroupId = "kept", EnableAutoCommit = false, EnablePartitionEof = true }).Build();
            Assert.Equal(7, reader.Committed([new TopicPartition("durable", 1)], TimeSpan.FromSeconds(10)).Single().Offset.Value);

            var stored = new Dictionary<(int, long), int>();
            var ends = new long[2];
            for (var partition = 0; partition < 2; partition++)
            {
                var high = reader.QueryWatermarkOffsets(new TopicPartition("durable", partition), TimeSpan.FromSeconds(10)).High.Value;
                ends[partition] = high;
                reader.Assign(new TopicPartitionOffset("durable", partition, Offset.Beginning));
                for (long expected = 0; expected < high;)
                {
                    var result = reader.Consume(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException($"partition {partition} stalled at {expected} of {high}");
                    if (result.IsPartitionEOF)
                    {
                        continue;
                    }
                    Assert.Equal(expected++, result.Offset.Value);
                    stored[(partition, result.Offset.Value)] = BinaryPrimitives.ReadInt32BigEndian(result.Message.Value);
                }
            }

            Assert.All(kept, a => Assert.True(stored.TryGetValue(a.Key, out var value) && value == a.Value,
                $"acknowledged message {a.Value} at partition {a.Key.Partition} offset {a.Key.Offset} is missing after the restart"));

            using var after = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = second.Bootstrap, Acks = Acks.All, EnableIdempotence = false }).Build();
            var next = await after.ProduceAsync(new TopicPartition("durable", 0), new Message<byte[]?, byte[]> { Value = [1] }, Ct);
            Assert.Equal(ends[0], next.Offset.Value);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
