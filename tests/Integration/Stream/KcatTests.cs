using System.Globalization;
using DevHarness.Integration.Infrastructure;

namespace DevHarness.Integration.Streaming;

/// <summary>An independent Kafka client (kcat) sees the embedded broker's advertised address and reads what the facade wrote.</summary>
public sealed class KcatTests
{
    [Fact]
    public async Task KcatListsTheAdvertisedBrokerAndTopic()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 3);

        var output = (await Kcat.RunAsync(["-b", stream.BootstrapServers, "-L", "-t", stream.Topic])).EnsureSuccess().Stdout;

        Assert.Contains($"broker 1 at {stream.BootstrapServers}", output, StringComparison.Ordinal);
        Assert.Contains($"topic \"{stream.Topic}\" with 3 partitions", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KcatConsumesAMessageProducedThroughTheFacade()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 3);
        var entry = (await stream.Client.PutAsync(("devharness/uploads/hello.txt", "hello from PutMessages"))).Entries.Single();

        var output = (await Kcat.RunAsync(["-b", stream.BootstrapServers, "-C", "-t", stream.Topic,
            "-p", entry.Partition!, "-o", entry.Offset!.Value.ToString(CultureInfo.InvariantCulture),
            "-c", "1", "-e", "-q", "-f", "%k|%s|%o|%T\\n"])).EnsureSuccess().Stdout;

        Assert.Equal($"devharness/uploads/hello.txt|hello from PutMessages|{entry.Offset}|{entry.Timestamp!.Value.ToUnixTimeMilliseconds()}", output.Trim());
    }
}
