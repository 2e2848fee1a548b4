using System.Net;
using System.Text;
using Confluent.Kafka;
using DevHarness.Oci.Streaming;

namespace DevHarness.Integration.Streaming;

/// <summary>
/// OCI's UpdateGroup (<c>PUT …/groups/{groupName}</c>) moves a consumer group to TRIM_HORIZON, LATEST or
/// AT_TIME: its committed offsets, which a Kafka consumer group of the same name resumes from, over the
/// embedded log and over an external Kafka (<c>--kafka</c>, here a separate embedded broker reached through
/// Kafka's admin API). The group's REST instances must create new cursors; Kafka members block a reset.
/// </summary>
public sealed class UpdateGroupTests
{
    private static readonly TimeSpan ConsumeDeadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [InlineData(BrokerKind.External)]
    public async Task AKafkaConsumerGroupOfTheSameNameResumesFromTheResetOffset(BrokerKind kind)
    {
        await using var stream = await TestStream.StartAsync(kind, partitions: 1);
        var group = "g-" + Guid.NewGuid().ToString("N")[..8];
        await stream.Client.PutAsync((null, "m0"), (null, "m1"), (null, "m2"), (null, "m3"));
        Assert.Equal([0L, 1L, 2L, 3L], ConsumeAndCommit(stream, group, count: 4));

        using (var reset = await UpdateGroupAsync(stream, group, """{"type":"TRIM_HORIZON"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }

        Assert.Equal([0L], ConsumeAndCommit(stream, group, count: 1));

        await stream.Client.PutAsync((null, "m4"));
        using (var latest = await UpdateGroupAsync(stream, group, """{"type":"LATEST"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
        }

        await stream.Client.PutAsync((null, "m5"));
        Assert.Equal([5L], ConsumeAndCommit(stream, group, count: 1));
        Assert.Equal(6, (await GetGroupAsync(stream, group)).Reservations.Single().CommittedOffset);
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [InlineData(BrokerKind.External)]
    public async Task RestInstancesCreateNewCursorsWhichStartAtTheResetPosition(BrokerKind kind)
    {
        await using var stream = await TestStream.StartAsync(kind, partitions: 1);
        var group = "g-" + Guid.NewGuid().ToString("N")[..8];
        await stream.Client.PutAsync((null, "m0"), (null, "m1"), (null, "m2"));
        var cursor = await stream.Client.CreateGroupCursorAsync(new CreateGroupCursorDetails(CursorType.TrimHorizon, group, InstanceName: "rest"));
        var read = await stream.Client.ReadAsync(cursor, count: 3);
        Assert.Equal(3, read.Count);

        using (var reset = await UpdateGroupAsync(stream, group, """{"type":"AT_TIME","time":"2000-01-01T00:00:00Z"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }

        using (var stale = await stream.Client.Http.GetAsync(stream.Client.PathOf("/messages") + "?cursor=" + Uri.EscapeDataString(cursor), Ct))
        {
            Assert.Contains("no longer in the group", (await FacadeClient.ErrorAsync(stale, HttpStatusCode.BadRequest)).Message, StringComparison.Ordinal);
        }

        var fresh = await stream.Client.CreateGroupCursorAsync(new CreateGroupCursorDetails(CursorType.Latest, group, InstanceName: "rest"));
        var (again, _) = await stream.Client.GetMessagesAsync(fresh);
        Assert.Equal(["m0", "m1", "m2"], again.Select(m => Encoding.UTF8.GetString(m.Value)));
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [InlineData(BrokerKind.External)]
    public async Task AResetWhileAKafkaConsumerIsAMemberOfTheGroupIs409AndChangesNothing(BrokerKind kind)
    {
        await using var stream = await TestStream.StartAsync(kind, partitions: 1);
        var group = "g-" + Guid.NewGuid().ToString("N")[..8];
        await stream.Client.PutAsync((null, "m0"), (null, "m1"));
        using var member = Consumer(stream, group);
        member.Subscribe(stream.Topic);
        Assert.NotNull(member.Consume(ConsumeDeadline));
        member.Commit();

        using var reset = await UpdateGroupAsync(stream, group, """{"type":"TRIM_HORIZON"}""");

        Assert.Contains("Kafka consumers as members", (await FacadeClient.ErrorAsync(reset, HttpStatusCode.Conflict)).Message, StringComparison.Ordinal);
        Assert.Equal(1, (await GetGroupAsync(stream, group)).Reservations.Single().CommittedOffset);
        member.Close();
    }

    [Theory]
    [InlineData("{}", "type is required")]
    [InlineData("""{"type":"AT_OFFSET"}""", "not allowed for a group")]
    [InlineData("""{"type":"AT_TIME"}""", "time is required")]
    [InlineData("""{"type":"SOMETIME"}""", "type is malformed")]
    public async Task ABadUpdateGroupRequestIsRejected(string body, string expected)
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);

        using var response = await UpdateGroupAsync(stream, "g", body);

        Assert.Contains(expected, (await FacadeClient.ErrorAsync(response, HttpStatusCode.BadRequest)).Message, StringComparison.Ordinal);
    }

    /// <summary>A Kafka consumer of the group reads <paramref name="count"/> messages, commits after them and leaves; returns their offsets.</summary>
    private static List<long> ConsumeAndCommit(TestStream stream, string group, int count)
    {
        using var consumer = Consumer(stream, group);
        consumer.Subscribe(stream.Topic);
        var offsets = new List<long>();
        var deadline = DateTime.UtcNow + ConsumeDeadline;
        while (offsets.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromSeconds(1)) is { IsPartitionEOF: false } result)
            {
                offsets.Add(result.Offset.Value);
            }
        }

        consumer.Commit();
        consumer.Close();
        return offsets;
    }

    private static IConsumer<Ignore, byte[]> Consumer(TestStream stream, string group) =>
        new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = stream.BootstrapServers,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();

    private static async Task<HttpResponseMessage> UpdateGroupAsync(TestStream stream, string group, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await stream.Client.Http.PutAsync(stream.Client.PathOf("/groups/" + group), content, Ct);
    }

    private static async Task<Group> GetGroupAsync(TestStream stream, string group)
    {
        using var response = await stream.Client.Http.GetAsync(stream.Client.PathOf("/groups/" + group), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return System.Text.Json.JsonSerializer.Deserialize(text, DevHarness.Oci.OciJsonContext.Default.Group)!;
    }
}
