using System.Net;
using System.Text;
using DevHarness.Oci.Streaming;

namespace DevHarness.Integration.Streaming;

/// <summary>Group cursors: partitions shared among a group's instances, commits kept by the broker.</summary>
public sealed class GroupCursorTests
{
    [Fact]
    public async Task AGroupCursorReadsEveryPartitionAndResumesFromCommittedOffsets()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 3);
        var client = stream.Client;
        await client.PutAsync([.. Enumerable.Range(0, 30).Select(i => new PutMessagesDetailsEntry(Encoding.UTF8.GetBytes($"key-{i}"), Encoding.UTF8.GetBytes($"m{i}")))]);

        var group = "g-" + Guid.NewGuid().ToString("N")[..8];
        var cursor = await client.CreateGroupCursorAsync(new CreateGroupCursorDetails(CursorType.TrimHorizon, group, InstanceName: "first", TimeoutInMs: 1000, CommitOnGet: false));
        var first = new List<Message>();
        while (first.Count < 30)
        {
            var (page, next) = await client.GetMessagesAsync(cursor);
            Assert.True(page.Count > 0 || first.Count < 30, "the group member should see all 30 messages");
            first.AddRange(page);
            cursor = next;
        }

        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"m{i}").Order(), first.Select(m => Encoding.UTF8.GetString(m.Value)).Order());
        Assert.Equal(3, first.Select(m => m.Partition).Distinct().Count());

        using (var commit = await client.Http.PostAsync(client.PathOf("/commit") + "?cursor=" + cursor, null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        }

        // "first" leaves the group once its 1 s timeout passes without requests; a new member must then
        // start from the offsets committed in the broker, not from TRIM_HORIZON.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!stream.Logs.Lines.Any(l => l.Message.Contains("instance first", StringComparison.Ordinal) && l.Message.Contains("session ended", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the idle group member should have left the group");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        await client.PutAsync(("key-0", "after-commit"));
        var resumed = await client.CreateGroupCursorAsync(new CreateGroupCursorDetails(CursorType.TrimHorizon, group, InstanceName: "second"));
        var (again, _) = await client.GetMessagesAsync(resumed);
        Assert.Equal(["after-commit"], again.Select(m => Encoding.UTF8.GetString(m.Value)));
    }

    [Fact]
    public async Task CommitOnGetCommitsWhatThePreviousReadReturned()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        var client = stream.Client;
        await client.PutAsync((null, "m0"), (null, "m1"), (null, "m2"));
        var group = "g-" + Guid.NewGuid().ToString("N")[..8];

        var cursor = await client.CreateGroupCursorAsync(new CreateGroupCursorDetails(CursorType.TrimHorizon, group, InstanceName: "a", CommitOnGet: true));
        var (page, next) = await client.GetMessagesAsync(cursor, limit: 2);
        Assert.Equal(["m0", "m1"], page.Select(m => Encoding.UTF8.GetString(m.Value)));
        var (rest, _) = await client.GetMessagesAsync(next);
        Assert.Equal(["m2"], rest.Select(m => Encoding.UTF8.GetString(m.Value)));

        // The second read committed offset 2 (after m1), in the broker.
        using (var heartbeat = await client.Http.PostAsync(client.PathOf("/heartbeat") + "?cursor=" + next, null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, heartbeat.StatusCode);
        }

        var group2 = await GetGroupAsync(client, group);
        Assert.Equal(2, group2.Reservations.Single().CommittedOffset);
    }

    [Fact]
    public async Task TwoInstancesOfAGroupSharePartitions()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 4);
        var client = stream.Client;
        var group = "g-" + Guid.NewGuid().ToString("N")[..8];
        var a = await client.CreateGroupCursorAsync(new CreateGroupCursorDetails(CursorType.TrimHorizon, group, InstanceName: "a"));
        var b = await client.CreateGroupCursorAsync(new CreateGroupCursorDetails(CursorType.TrimHorizon, group, InstanceName: "b"));

        // Members receive partitions while they read (as Kafka consumers do while polling); GetGroup shows the split.
        var settle = DateTime.UtcNow.AddSeconds(60);
        Group described;
        do
        {
            Assert.True(DateTime.UtcNow < settle, "the group did not share its partitions between a and b in time");
            (_, a) = await client.GetMessagesAsync(a);
            (_, b) = await client.GetMessagesAsync(b);
            described = await GetGroupAsync(client, group);
        }
        while (described.Reservations.Select(r => r.ReservedInstance).Distinct().Count() != 2 || described.Reservations.Any(r => r.ReservedInstance is null));

        Assert.Equal(4, described.Reservations.Count);
        await client.PutAsync([.. Enumerable.Range(0, 40).Select(i => new PutMessagesDetailsEntry(Encoding.UTF8.GetBytes($"key-{i}"), Encoding.UTF8.GetBytes($"m{i}")))]);

        var byA = new List<Message>();
        var byB = new List<Message>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (byA.Count + byB.Count < 40 && DateTime.UtcNow < deadline)
        {
            var (pageA, nextA) = await client.GetMessagesAsync(a);
            var (pageB, nextB) = await client.GetMessagesAsync(b);
            byA.AddRange(pageA);
            byB.AddRange(pageB);
            (a, b) = (nextA, nextB);
        }

        Assert.Equal(40, byA.Count + byB.Count);
        Assert.NotEmpty(byA);
        Assert.NotEmpty(byB);
        Assert.Empty(byA.Select(m => m.Partition).Intersect(byB.Select(m => m.Partition)));
        Assert.All(byA, m => Assert.Equal("a", described.Reservations.Single(r => r.Partition == m.Partition).ReservedInstance));
    }

    [Fact]
    public async Task ARestGroupAndAKafkaConsumerGroupOfTheSameNameShareCommittedOffsets()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        var client = stream.Client;
        await client.PutAsync((null, "m0"), (null, "m1"), (null, "m2"), (null, "m3"));
        var group = "g-" + Guid.NewGuid().ToString("N")[..8];

        var cursor = await client.CreateGroupCursorAsync(new CreateGroupCursorDetails(CursorType.TrimHorizon, group, InstanceName: "rest", CommitOnGet: false));
        var (page, next) = await client.GetMessagesAsync(cursor, limit: 3);
        Assert.Equal(["m0", "m1", "m2"], page.Select(m => Encoding.UTF8.GetString(m.Value)));
        using (var commit = await client.Http.PostAsync(client.PathOf("/commit") + "?cursor=" + next, null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        }

        using var consumer = new Confluent.Kafka.ConsumerBuilder<Confluent.Kafka.Ignore, byte[]>(new Confluent.Kafka.ConsumerConfig
        {
            BootstrapServers = stream.BootstrapServers,
            GroupId = group,
            AutoOffsetReset = Confluent.Kafka.AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(stream.Topic);
        var resumed = consumer.Consume(TimeSpan.FromSeconds(60));
        consumer.Close();

        Assert.Equal(("m3", 3L), (Encoding.UTF8.GetString(resumed!.Message.Value), resumed.Offset.Value));
    }

    private static async Task<Group> GetGroupAsync(FacadeClient client, string group)
    {
        using var response = await client.Http.GetAsync(client.PathOf("/groups/" + group), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, text);
        return System.Text.Json.JsonSerializer.Deserialize(text, DevHarness.Oci.OciJsonContext.Default.Group)!;
    }

    [Theory]
    [InlineData("""{"type":"AT_OFFSET","groupName":"g"}""", "not allowed for a group cursor")]
    [InlineData("""{"type":"TRIM_HORIZON"}""", "groupName is required")]
    [InlineData("""{"type":"AT_TIME","groupName":"g"}""", "time is required")]
    public async Task ABadGroupCursorRequestIsRejected(string body, string expected)
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        using var response = await stream.Client.PostAsync("/groupCursors", body);

        var error = await FacadeClient.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitWithAPartitionCursorIsRejected()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        var cursor = await stream.Client.CreateCursorAsync(0, CursorType.TrimHorizon);
        using var response = await stream.Client.Http.PostAsync(stream.Client.PathOf("/commit") + "?cursor=" + cursor, null, TestContext.Current.CancellationToken);

        var error = await FacadeClient.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("takes a group cursor", error.Message, StringComparison.Ordinal);
    }
}
