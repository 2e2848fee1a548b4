using System.Text;
using DevHarness.Oci.Streaming;

namespace DevHarness.Integration.Streaming;

/// <summary>
/// The OCI Streaming REST facade behaves the same over every backend (the embedded log in-process, a broker
/// through Kafka clients, a Kafka container): every cursor type, paging, limits,
/// GetStream and a 10,000-message read back in order. The container runs are skipped without Docker.
/// </summary>
public sealed class FacadeConformanceTests
{
    public static TheoryData<BrokerKind> Brokers => [BrokerKind.Embedded, BrokerKind.External, BrokerKind.Container];

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task GetStreamDescribesTheStreamAndItsMessagesEndpoint(BrokerKind broker)
    {
        await using var stream = await TestStream.StartAsync(broker, partitions: 3);
        using var response = await stream.Client.Http.GetAsync(stream.Client.PathOf(), TestContext.Current.CancellationToken);
        var json = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var info = System.Text.Json.JsonSerializer.Deserialize(json, DevHarness.Oci.OciJsonContext.Default.StreamInfo)!;

        Assert.Equal(stream.Stream.Ocid, info.Id);
        Assert.Equal(stream.Topic, info.Name);
        Assert.Equal(3, info.Partitions);
        Assert.Equal("ACTIVE", info.LifecycleState);
        Assert.Equal(stream.Emulator.FacadeUrl.ToString().TrimEnd('/'), info.MessagesEndpoint);
        Assert.Contains("\"messagesEndpoint\"", json, StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("opc-request-id"));
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task PutMessagesReportsPartitionOffsetAndTimestampPerEntryInRequestOrder(BrokerKind broker)
    {
        await using var stream = await TestStream.StartAsync(broker, partitions: 3);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var result = await stream.Client.PutAsync(("k1", "v1"), ("k2", "v2"), (null, "v3"), ("k1", "v4"));

        Assert.Equal(0, result.Failures);
        Assert.Equal(4, result.Entries.Count);
        Assert.All(result.Entries, e => Assert.True(e.IsSuccess && e.Timestamp >= before && e.Offset >= 0));
        Assert.Equal(result.Entries[0].Partition, result.Entries[3].Partition);
        Assert.True(result.Entries[3].Offset > result.Entries[0].Offset, "a key's later message gets a later offset");
        Assert.Equal(JavaPartitioner.PartitionFor(Encoding.UTF8.GetBytes("k2"), 3).ToString(System.Globalization.CultureInfo.InvariantCulture), result.Entries[1].Partition);
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task EveryCursorTypeStartsWhereOciSays(BrokerKind broker)
    {
        await using var stream = await TestStream.StartAsync(broker, partitions: 1);
        var client = stream.Client;
        await client.PutAsync(("a", "m0"), ("a", "m1"), ("a", "m2"));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(100, TestContext.Current.CancellationToken);
        await client.PutAsync(("a", "m3"), ("a", "m4"));

        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], await Values(client, await client.CreateCursorAsync(0, CursorType.TrimHorizon)));
        Assert.Equal(["m2", "m3", "m4"], await Values(client, await client.CreateCursorAsync(0, CursorType.AtOffset, offset: 2)));
        Assert.Equal(["m3", "m4"], await Values(client, await client.CreateCursorAsync(0, CursorType.AfterOffset, offset: 2)));
        Assert.Equal(["m3", "m4"], await Values(client, await client.CreateCursorAsync(0, CursorType.AtTime, time: between)));

        var latest = await client.CreateCursorAsync(0, CursorType.Latest);
        var (nothing, next) = await client.GetMessagesAsync(latest);
        Assert.Empty(nothing);
        await client.PutAsync(("a", "m5"));
        Assert.Equal(["m5"], await Values(client, next));
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task PagesFollowOpcNextCursorAndHonourLimit(BrokerKind broker)
    {
        await using var stream = await TestStream.StartAsync(broker, partitions: 1);
        var client = stream.Client;
        await client.PutAsync([.. Enumerable.Range(0, 25).Select(i => new PutMessagesDetailsEntry(null, Encoding.UTF8.GetBytes($"m{i}")))]);

        var cursor = await client.CreateCursorAsync(0, CursorType.TrimHorizon);
        var sizes = new List<int>();
        var offsets = new List<long>();
        for (var page = 0; page < 4; page++)
        {
            var (messages, next) = await client.GetMessagesAsync(cursor, limit: 10);
            sizes.Add(messages.Count);
            offsets.AddRange(messages.Select(m => m.Offset));
            cursor = next;
        }

        Assert.Equal([10, 10, 5, 0], sizes);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => (long)i), offsets);
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task TenThousandMessagesAreReadBackInOrder(BrokerKind broker)
    {
        await using var stream = await TestStream.StartAsync(broker, partitions: 1);
        var client = stream.Client;
        const int Count = 10_000;
        for (var batch = 0; batch < Count / 500; batch++)
        {
            var result = await client.PutAsync([.. Enumerable.Range(batch * 500, 500).Select(i => new PutMessagesDetailsEntry(Encoding.UTF8.GetBytes("key"), Encoding.UTF8.GetBytes($"message {i:D5}")))]);
            Assert.Equal(0, result.Failures);
        }

        var read = await client.ReadAsync(await client.CreateCursorAsync(0, CursorType.TrimHorizon), Count);

        Assert.Equal(Count, read.Count);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"message {i:D5}"), read.Select(m => Encoding.UTF8.GetString(m.Value)));
        Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), read.Select(m => m.Offset));
        Assert.All(read, m => Assert.Equal(stream.Topic, m.Stream));
    }

    private static async Task<List<string>> Values(FacadeClient client, string cursor)
    {
        var (messages, _) = await client.GetMessagesAsync(cursor);
        return [.. messages.Select(m => Encoding.UTF8.GetString(m.Value))];
    }
}
