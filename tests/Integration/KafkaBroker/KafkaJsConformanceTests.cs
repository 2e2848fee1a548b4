using System.Text;
using System.Text.Json;
using DevHarness.Integration.Infrastructure;

namespace DevHarness.Integration.KafkaBroker;

/// <summary>
/// KafkaJS 2.2.4, a pure-JavaScript implementation of the Kafka protocol, against the embedded broker with
/// its defaults (<c>tests/node/kafka/conformance.mjs</c>): an independent client besides librdkafka.
/// </summary>
public sealed class KafkaJsConformanceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task ProducesWithAcksAllAndEveryCodecItShipsAndReadsBack()
    {
        await using var broker = await TestBroker.StartAsync();

        var result = await RunAsync(broker, "codecs");

        var expected = new[] { "none", "gzip" }.SelectMany(codec => Enumerable.Range(0, 50).Select(i => $"{codec}-{i}={codec} value {i} {new string('y', i)}")).ToList();
        Assert.Equal(expected, Messages(result, "messages").Select(m => $"{m.Key}={m.Value}"));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), Messages(result, "messages").Select(m => m.Offset));
        // The gzip batches are stored compressed; the in-process read decodes them to the same bytes and timestamps.
        var log = broker.ReadAll();
        Assert.Equal(expected, log.Select(r => $"{Encoding.UTF8.GetString(r.Key!)}={Encoding.UTF8.GetString(r.Value!)}"));
        Assert.Equal(Messages(result, "messages").Select(m => m.Timestamp), log.Select(r => r.Timestamp));
    }

    [Fact]
    public async Task FindsOffsetsAndStartsAtAnOffsetATimeAndTheEnd()
    {
        await using var broker = await TestBroker.StartAsync();

        var result = await RunAsync(broker, "positions");

        Assert.Equal(0, result.GetProperty("low").GetInt64());
        Assert.Equal(5, result.GetProperty("high").GetInt64());
        Assert.Equal(3, result.GetProperty("byTime").GetInt64());
        Assert.Equal(["m2", "m3", "m4"], Messages(result, "fromOffset").Select(m => m.Value));
        Assert.Equal(["m3", "m4"], Messages(result, "fromTime").Select(m => m.Value));
        var fromEnd = Assert.Single(Messages(result, "fromEnd"));
        Assert.Equal("after", fromEnd.Value);
        Assert.True(fromEnd.Offset >= 5);
    }

    [Fact]
    public async Task AGroupCommitsAndTheNextMemberResumesThere()
    {
        await using var broker = await TestBroker.StartAsync(partitions: 2);

        var result = await RunAsync(broker, "resume");

        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"m{i}").Order(), Messages(result, "first").Select(m => m.Value).Order());
        Assert.Equal(["after"], Messages(result, "second").Select(m => m.Value));
    }

    [Fact]
    public async Task TwoMembersShareTheTopicAndOneTakesItAllWhenTheOtherLeaves()
    {
        await using var broker = await TestBroker.StartAsync(partitions: 4);

        var result = await RunAsync(broker, "rebalance");

        var shared = result.GetProperty("shared").EnumerateArray().Select(a => a.EnumerateArray().Select(p => p.GetInt32()).ToList()).ToList();
        Assert.Equal(2, shared.Count);
        Assert.All(shared, Assert.NotEmpty);
        Assert.Equal([0, 1, 2, 3], shared.SelectMany(p => p).Order());
        Assert.Equal([0, 1, 2, 3], result.GetProperty("after").EnumerateArray().Select(p => p.GetInt32()));
    }

    [Fact]
    public async Task IdempotenceTooLargeMessagesAndUnknownTopicsAreRefused()
    {
        await using var broker = await TestBroker.StartAsync();

        var result = await RunAsync(broker, "refusals");

        Assert.StartsWith("KafkaJSServerDoesNotSupportApiKey", result.GetProperty("idempotent").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, result.GetProperty("fits").GetInt64());
        Assert.Equal("MESSAGE_TOO_LARGE", result.GetProperty("tooLarge").GetString());
        Assert.Contains("This server does not host this topic-partition", result.GetProperty("unknown").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, broker.Broker.GetPartition(broker.Topic, 0).NextOffset);
        Assert.Null(broker.Broker.PartitionCount("no-such-topic"));
    }

    private static async Task<JsonElement> RunAsync(TestBroker broker, string scenario)
    {
        var run = (await NodeClients.RunAsync("kafka/conformance.mjs",
            new Dictionary<string, string> { ["BOOTSTRAP"] = broker.Bootstrap, ["TOPIC"] = broker.Topic },
            [scenario], Timeout, TestContext.Current.CancellationToken)).EnsureSuccess();
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }

    private static List<(long Offset, string? Key, string? Value, long Timestamp)> Messages(JsonElement result, string property) =>
        [.. result.GetProperty(property).EnumerateArray().Select(m => (
            m.GetProperty("offset").GetInt64(),
            m.GetProperty("key").GetString(),
            m.GetProperty("value").GetString(),
            m.GetProperty("timestamp").GetInt64()))];
}
