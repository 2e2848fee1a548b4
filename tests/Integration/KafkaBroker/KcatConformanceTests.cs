using System.Text;
using DevHarness.Integration.Infrastructure;
using DevHarness.KafkaBroker;

namespace DevHarness.Integration.KafkaBroker;

/// <summary>
/// kcat (librdkafka, Debian's build) against the embedded broker with no special settings: produce with
/// acks=all and every codec, consume from the beginning, the end, an offset and a time, commit and resume in
/// a group, a two-member group that rebalances when one leaves, and OCI's refusals.
/// </summary>
public sealed class KcatConformanceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("none")]
    [InlineData("gzip")]
    [InlineData("snappy")]
    [InlineData("lz4")]
    [InlineData("zstd")]
    public async Task EveryCodecRoundTripsThroughKafkaAndTheLog(string codec)
    {
        await using var broker = await TestBroker.StartAsync();
        var lines = Enumerable.Range(0, 200).Select(i => $"key-{i}|{codec} value {i} {new string('x', i)}").ToList();

        (await Kcat.RunAsync(["-b", broker.Bootstrap, "-P", "-t", broker.Topic, "-K", "|", "-z", codec, "-X", "acks=all"],
            Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"))).EnsureSuccess();

        var consumed = (await Kcat.RunAsync(["-b", broker.Bootstrap, "-C", "-t", broker.Topic, "-o", "beginning", "-e", "-q", "-f", "%k|%s\\n"])).EnsureSuccess();
        Assert.Equal(lines, consumed.Lines);
        // The stored batches stay compressed; the in-process read (the REST facade's) decodes them to the same bytes.
        Assert.Equal(lines, broker.ReadAll().Select(r => $"{Encoding.UTF8.GetString(r.Key!)}|{Encoding.UTF8.GetString(r.Value!)}"));
    }

    [Fact]
    public async Task ConsumesFromTheBeginningTheEndAnOffsetAndATime()
    {
        await using var broker = await TestBroker.StartAsync();
        await ProduceAsync(broker, Enumerable.Range(0, 5).Select(i => $"early {i}"));
        var log = broker.Broker.GetPartition(broker.Topic, 0);
        var earlyTime = broker.ReadAll().Max(r => r.Timestamp);
        await WaitUntilClockPassesAsync(earlyTime);
        await ProduceAsync(broker, Enumerable.Range(5, 5).Select(i => $"late {i}"));
        var lateTime = broker.ReadAll().Single(r => r.Offset == 5).Timestamp;

        Assert.Equal(10, (await ConsumeAsync(broker, "beginning")).Length);
        Assert.Equal(["late 7", "late 8", "late 9"], await ConsumeAsync(broker, "-3"));                 // three before the end
        Assert.Equal(["late 6", "late 7", "late 8", "late 9"], await ConsumeAsync(broker, "6"));
        Assert.Equal(["late 5", "late 6", "late 7", "late 8", "late 9"], await ConsumeAsync(broker, $"s@{lateTime}"));
        Assert.Equal(10, log.NextOffset);
    }

    [Fact]
    public async Task AGroupCommitsAndTheNextConsumerResumesThere()
    {
        await using var broker = await TestBroker.StartAsync(partitions: 2);
        await ProduceAsync(broker, Enumerable.Range(0, 10).Select(i => $"k{i}|m{i}"), "-K", "|");
        var group = "g-" + Guid.NewGuid().ToString("N")[..8];

        var first = (await Kcat.RunAsync(["-b", broker.Bootstrap, "-G", group, broker.Topic, "-X", "auto.offset.reset=earliest", "-e", "-q", "-f", "%s\\n"])).EnsureSuccess();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m{i}").Order(), first.Lines.Order());
        var committed = Enumerable.Range(0, 2).Sum(p => broker.Broker.Offsets.Get(group, broker.Topic, p) ?? 0);
        Assert.Equal(10, committed);

        await ProduceAsync(broker, ["k0|after"], "-K", "|");
        var second = (await Kcat.RunAsync(["-b", broker.Bootstrap, "-G", group, broker.Topic, "-X", "auto.offset.reset=earliest", "-e", "-q", "-f", "%s\\n"])).EnsureSuccess();
        Assert.Equal(["after"], second.Lines);
    }

    [Fact]
    public async Task TwoMembersShareTheTopicAndOneTakesItAllWhenTheOtherLeaves()
    {
        await using var broker = await TestBroker.StartAsync(partitions: 4);
        var group = "g-" + Guid.NewGuid().ToString("N")[..8];
        string[] Member() => ["-b", broker.Bootstrap, "-G", group, broker.Topic, "-X", "session.timeout.ms=6000", "-f", "%s\\n"];
        using var first = Kcat.Start(Member());
        using var second = Kcat.Start(Member());

        await Eventually.TrueAsync(() => Assigned(first) + Assigned(second) == 4 && Assigned(first) > 0 && Assigned(second) > 0, "the group to share 4 partitions between its two members", Timeout);
        await second.TerminateAsync(Timeout);
        await Eventually.TrueAsync(() => Assigned(first) == 4, "the remaining member to take all 4 partitions", Timeout);
    }

    [Fact]
    public async Task AnIdempotentProducerIsRefusedAsOciStreamingDoes()
    {
        await using var broker = await TestBroker.StartAsync();

        var result = await Kcat.RunAsync(["-b", broker.Bootstrap, "-P", "-t", broker.Topic, "-X", "enable.idempotence=true"], "x\n"u8.ToArray());

        // Not kcat's exit code: on librdkafka's fatal error kcat terminates from another thread and exits 0 or 1 by
        // luck (0 in 4 of 40 runs by hand, with the refusal printed and nothing stored every time).
        Assert.Contains("Idempotent producer not supported", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("FATAL CLIENT ERROR", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, broker.Broker.GetPartition(broker.Topic, 0).NextOffset);
    }

    [Fact]
    public async Task OneMebibyteOfKeyAndValuePassesAndOneByteMoreIsRefused()
    {
        await using var broker = await TestBroker.StartAsync();
        string[] produce = ["-b", broker.Bootstrap, "-P", "-t", broker.Topic, "-K", "|", "-X", "message.max.bytes=2000000"];
        var fits = Message("k", BrokerOptions.MaxMessageBytes - 1);
        var tooBig = Message("k", BrokerOptions.MaxMessageBytes);

        (await Kcat.RunAsync(produce, fits)).EnsureSuccess();
        var refused = await Kcat.RunAsync(produce, tooBig);

        Assert.Contains("Message size too large", refused.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, broker.Broker.GetPartition(broker.Topic, 0).NextOffset);
        Assert.Equal(BrokerOptions.MaxMessageBytes, broker.ReadAll().Single().Size);
    }

    [Fact]
    public async Task AnUnknownTopicIsRefusedNotCreated()
    {
        await using var broker = await TestBroker.StartAsync();

        var result = await Kcat.RunAsync(["-b", broker.Bootstrap, "-P", "-t", "no-such-topic"], "x\n"u8.ToArray());

        Assert.Contains("Unknown topic or partition", result.Stderr, StringComparison.Ordinal);
        Assert.Null(broker.Broker.PartitionCount("no-such-topic"));
    }

    [Fact]
    public async Task WithAutoCreateTopicsAnUnknownTopicIsCreatedWithOnePartition()
    {
        await using var broker = await TestBroker.StartAsync(configure: o => o with { AutoCreateTopics = true });

        (await Kcat.RunAsync(["-b", broker.Bootstrap, "-P", "-t", "made-on-the-fly"], "x\n"u8.ToArray())).EnsureSuccess();

        Assert.Equal(1, broker.Broker.PartitionCount("made-on-the-fly"));
        Assert.Equal(1, broker.Broker.GetPartition("made-on-the-fly", 0).NextOffset);
    }

    internal static Task ProduceAsync(TestBroker broker, IEnumerable<string> lines, params string[] extra) =>
        Kcat.RunAsync(["-b", broker.Bootstrap, "-P", "-t", broker.Topic, "-X", "acks=all", .. extra], Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"))
            .ContinueWith(t => t.Result.EnsureSuccess(), TaskScheduler.Default);

    /// <summary>Waits (without sleeping a fixed time) until the wall clock is past <paramref name="timestamp"/>.</summary>
    internal static Task WaitUntilClockPassesAsync(long timestamp) =>
        Eventually.TrueAsync(() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() > timestamp + 1, "the clock to move on", Timeout);

    private static async Task<string[]> ConsumeAsync(TestBroker broker, string from) =>
        (await Kcat.RunAsync(["-b", broker.Bootstrap, "-C", "-t", broker.Topic, "-p", "0", "-o", from, "-e", "-q", "-f", "%s\\n"])).EnsureSuccess().Lines;

    /// <summary>Partitions a kcat group member holds now, from its latest "rebalanced ... assigned:" line.</summary>
    private static int Assigned(KcatProcess member)
    {
        var line = member.Stderr.LastOrDefault(l => l.Contains("rebalanced", StringComparison.Ordinal));
        return line is null || !line.Contains("assigned:", StringComparison.Ordinal)
            ? 0
            : line[(line.IndexOf("assigned:", StringComparison.Ordinal) + 9)..].Split(',', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    /// <summary>One kcat input line: key, '|', and a value of 'v's.</summary>
    private static byte[] Message(string key, int valueBytes) =>
        Encoding.ASCII.GetBytes(key + "|" + new string('v', valueBytes) + "\n");
}
