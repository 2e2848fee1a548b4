using System.Text;
using System.Text.Json;
using DevHarness.Oci.Events;
using DevHarness.Support;

namespace DevHarness.Integration.Relay;

/// <summary>
/// Every recorded event in <c>fixtures/events</c> produces exactly the expected messages (keys, order,
/// partition, contract fields), for both publishers, both formats and both builds (JIT and Native AOT).
/// </summary>
public sealed class RelayFixtureTests
{
    [Theory]
    [InlineData("kafka", "cloudevents", RelayBuild.JitName)]
    [InlineData("rest", "cloudevents", RelayBuild.JitName)]
    [InlineData("kafka", "seed", RelayBuild.JitName)]
    [InlineData("rest", "seed", RelayBuild.JitName)]
    [InlineData("kafka", "cloudevents", RelayBuild.AotName)]
    [InlineData("rest", "cloudevents", RelayBuild.AotName)]
    [InlineData("kafka", "seed", RelayBuild.AotName)]
    [InlineData("rest", "seed", RelayBuild.AotName)]
    public async Task EveryFixtureEventProducesExactlyTheExpectedMessages(string publisher, string format, string build)
    {
        await using var bed = await RelayTestBed.StartAsync(publisher, format, build: build);
        var token = TestContext.Current.CancellationToken;
        foreach (var file in Directory.GetFiles(Path.Combine(RelayTestBed.FixturesDirectory, "events"), "*.json").Order(StringComparer.Ordinal))
        {
            var body = await File.ReadAllBytesAsync(file, token);
            var evt = ObjectStorageEvent.Parse(body);
            var (status, answer) = await bed.CallAsync(body);
            Assert.True(status == 200, $"{Path.GetFileName(file)}: {status} {answer}{Environment.NewLine}{bed.Relay.Output}");
            using var json = JsonDocument.Parse(answer);

            if (!evt.IsObjectEvent)
            {
                Assert.Equal("ignored", json.RootElement.GetProperty("status").GetString());
                continue;
            }

            Assert.Equal("relayed", json.RootElement.GetProperty("status").GetString());
            if (evt.Kind == ObjectStorageEventKind.Delete)
            {
                var deleted = await bed.Tail.ReadAsync(1, token);
                Assert.Equal(format == "seed" ? "event-key-1" : $"{evt.Namespace}/{evt.BucketName}/{evt.ObjectName}", Encoding.UTF8.GetString(deleted[0].Message.Key));
                Assert.Equal(body, deleted[0].Message.Value);
                continue;
            }

            var content = await File.ReadAllBytesAsync(Path.Combine(RelayTestBed.FixturesDirectory, "objects", evt.BucketName, evt.ObjectName), token);
            var messages = await bed.Tail.ReadAsync(2, token);
            if (format == "seed")
            {
                // The original function (oracle-devrel/oci-fn-streaming func.py): raw event, raw object bytes,
                // under two fixed keys, which land wherever the partitioner puts them (no order across them).
                var byKey = messages.ToDictionary(m => Encoding.UTF8.GetString(m.Message.Key), m => m.Message.Value);
                Assert.Equal(["data-key-1", "event-key-1"], byKey.Keys.Order(StringComparer.Ordinal));
                Assert.Equal(body, byKey["event-key-1"]);
                Assert.Equal(content, byKey["data-key-1"]);
                continue;
            }

            Assert.Equal(messages[0].Partition, messages[1].Partition);
            Assert.True(messages[0].Offset < messages[1].Offset, "The event must precede its data.");
            Assert.Equal(body, messages[0].Message.Value);

            var key = $"{evt.Namespace}/{evt.BucketName}/{evt.ObjectName}";
            Assert.Equal(key, Encoding.UTF8.GetString(messages[0].Message.Key));
            Assert.Equal(key, Encoding.UTF8.GetString(messages[1].Message.Key));
            using var data = JsonDocument.Parse(messages[1].Message.Value);
            var root = data.RootElement;
            Assert.Equal("1.0", root.GetProperty("specversion").GetString());
            Assert.Equal("relay.objectdata.v1", root.GetProperty("type").GetString());
            Assert.Equal($"{evt.EventId}/0", root.GetProperty("id").GetString());
            Assert.Equal($"/n/{evt.Namespace}/b/{evt.BucketName}", root.GetProperty("source").GetString());
            Assert.Equal(evt.ObjectName, root.GetProperty("subject").GetString());
            Assert.Equal(evt.EventId, root.GetProperty("sourceeventid").GetString());
            Assert.Equal(content.Length, root.GetProperty("objectsize").GetInt64());
            Assert.Equal(0, root.GetProperty("chunkindex").GetInt64());
            Assert.Equal(1, root.GetProperty("chunkcount").GetInt64());
            Assert.False(string.IsNullOrEmpty(root.GetProperty("etag").GetString()));
            Assert.StartsWith("text/csv", root.GetProperty("datacontenttype").GetString(), StringComparison.Ordinal);
            Assert.Equal(content, root.GetProperty("data_base64").GetBytesFromBase64());
        }

        // Nothing beyond what each event produced.
        await bed.Tail.ReadExactlyAsync(0, TimeSpan.FromSeconds(1), token);
    }
}
