using System.Text.Json;
using DevHarness.Emulators.Events;
using DevHarness.Oci.Events;

namespace DevHarness.Integration.Replay;

/// <summary>The recorded fixtures match docs/oci-facts.md §1 (parsed with <c>src/Oci</c>'s parser) and name objects that exist.</summary>
public sealed class FixtureTests
{
    private static readonly string[] EnvelopeOrder = ["eventType", "cloudEventsVersion", "eventTypeVersion", "source", "eventTime", "contentType", "data", "eventID", "extensions"];

    public static TheoryData<string> Fixtures => [.. Directory.EnumerateFiles(FixturePaths.Events, "*.json").Select(f => Path.GetFileName(f)!)];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void FixtureHasTheLiveServicesShape(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(FixturePaths.Events, file));
        using var json = JsonDocument.Parse(bytes);
        Assert.Equal(EnvelopeOrder, json.RootElement.EnumerateObject().Select(p => p.Name));
        var parsed = ObjectStorageEvent.Parse(bytes);
        Assert.Equal("0.1", parsed.CloudEventsVersion);
        Assert.Equal("2.0", parsed.EventTypeVersion);
        Assert.Equal("ObjectStorage", parsed.Source);
        Assert.True(Guid.TryParse(parsed.EventId, out _));
        Assert.Equal("devharness", parsed.Namespace);
        if (parsed.IsObjectEvent)
        {
            Assert.Equal($"/n/{parsed.Namespace}/b/{parsed.BucketName}/o/{parsed.ObjectName}", parsed.ResourceId);
            Assert.Equal("uploads", parsed.BucketName);
            if (!parsed.EventType.EndsWith("deleteobject", StringComparison.Ordinal))
            {
                Assert.True(File.Exists(Path.Combine(FixturePaths.Objects, parsed.BucketName!, parsed.ObjectName!)), $"{file} names an object with no file under fixtures/objects");
            }
        }
    }

    [Fact]
    public void TheSetCoversEveryCaseTheRelayHandles()
    {
        var parsed = Directory.EnumerateFiles(FixturePaths.Events, "*.json").Select(f => ObjectStorageEvent.Parse(File.ReadAllBytes(f))).ToList();
        Assert.Contains(parsed, e => e.Kind == ObjectStorageEventKind.Create && !e.ObjectName!.Contains('/', StringComparison.Ordinal));
        Assert.Contains(parsed, e => e.Kind == ObjectStorageEventKind.Update && e.VersionId is not null);
        Assert.Contains(parsed, e => e.Kind == ObjectStorageEventKind.Delete);
        Assert.Contains(parsed, e => e.ObjectName is { } n && n.Contains(' ', StringComparison.Ordinal) && n.Any(c => c > 127));
        Assert.Contains(parsed, e => !e.IsObjectEvent && e.EventType.EndsWith("createbucket", StringComparison.Ordinal));
    }

    [Fact]
    public void TheBuilderWritesWhatTheParserReads()
    {
        var facts = new ObjectStorageEventFacts("updateobject", "ns1", "b1", "dir/ä.txt", "etag-7", "v-1");
        var parsed = ObjectStorageEvent.Parse(ObjectStorageEventBuilder.BuildIndented(facts, Guid.NewGuid(), DateTimeOffset.UtcNow));
        Assert.Equal(ObjectStorageEventKind.Update, parsed.Kind);
        Assert.Equal("dir/ä.txt", parsed.ObjectName);
        Assert.Equal("etag-7", parsed.ETag);
        Assert.Equal("v-1", parsed.VersionId);
        Assert.Equal("/n/ns1/b/b1/o/dir/ä.txt", parsed.ResourceId);
    }
}
