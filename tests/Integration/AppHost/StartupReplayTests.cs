using System.Text.Json;
using DevHarness.Oci.Events;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// Without <c>--no-replay</c> the AppHost replays <c>fixtures/events</c> once through the relay: the
/// <c>replay</c> resource finishes with exit code 0 and every object fixture's event lands in the stream
/// byte for byte, followed by its data; the bucket fixture (not an object event) publishes nothing.
/// </summary>
public sealed class StartupReplayTests
{
    [Fact]
    public async Task FixturesAreReplayedOnceOnStart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HarnessHost.StartAsync("embedded", "kafka", [], waitForHealthy: true, ct);
        var finished = await host.App.ResourceNotifications
            .WaitForResourceAsync("replay", e => e.Snapshot.State?.Text is "Finished" or "Exited" or "FailedToStart", ct)
            .WaitAsync(HarnessHost.StartTimeout, ct);
        Assert.Equal(0, finished.Snapshot.ExitCode);

        var fixtures = FixtureEvents();
        await using var kafka = KafkaRecorder.Start(host.KafkaBootstrap, HarnessHost.Topic, HarnessHost.Partitions, "", fromBeginning: true);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!fixtures.Where(f => f.IsObjectEvent).All(f => Relayed(kafka.Messages, f)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
        }

        foreach (var fixture in fixtures)
        {
            if (fixture.IsObjectEvent)
            {
                Assert.True(Relayed(kafka.Messages, fixture), $"fixture event {fixture.EventId} ({fixture.ObjectName}) is not in the stream byte for byte");
            }
            else
            {
                Assert.DoesNotContain(kafka.Messages, m => m.Value.AsSpan().SequenceEqual(fixture.RawJson.Span));
            }
        }
    }

    private static bool Relayed(IReadOnlyList<RecordedMessage> messages, ObjectStorageEvent fixture)
    {
        var key = RelayContract.KeyOf(fixture.Namespace!, fixture.BucketName!, fixture.ObjectName!);
        var forKey = messages.Where(m => m.Key == key).OrderBy(m => m.Offset).ToList();
        var index = forKey.FindIndex(m => m.Value.AsSpan().SequenceEqual(fixture.RawJson.Span));
        return index >= 0 && (fixture.Kind == ObjectStorageEventKind.Delete || forKey.Skip(index + 1).Any(m => IsDataOf(m, fixture.EventId)));
    }

    private static bool IsDataOf(RecordedMessage message, string eventId)
    {
        using var document = JsonDocument.Parse(message.Value);
        return document.RootElement.TryGetProperty("sourceeventid", out var source) && source.GetString() == eventId;
    }

    private static List<ObjectStorageEvent> FixtureEvents()
    {
        // ProjectPath names the AppHost's project directory (src/AppHost).
        var appHost = Directory.Exists(Projects.AppHost.ProjectPath) ? Projects.AppHost.ProjectPath : Path.GetDirectoryName(Projects.AppHost.ProjectPath)!;
        var directory = Path.Combine(appHost, "..", "..", "fixtures", "events");
        return [.. Directory.EnumerateFiles(directory, "*.json").Select(f => ObjectStorageEvent.Parse(File.ReadAllBytes(f)))];
    }
}
