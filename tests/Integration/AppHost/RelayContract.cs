using System.Text.Json;
using DevHarness.Oci.Events;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// docs/message-contract.md (format <c>cloudevents</c>) as assertions: per object, key
/// <c>ns/bucket/object</c>, one partition, and for each write the OCI event then (create/update only)
/// the <c>relay.objectdata.v1</c> chunks that reassemble the object, every message under 1 MB.
/// Delivery is at-least-once: a repeated CloudEvents id is dropped, and must repeat the same bytes.
/// </summary>
internal static class RelayContract
{
    /// <summary>OCI Streaming's per-message limit (docs/oci-facts.md §2.5).</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    public const string DataType = "relay.objectdata.v1";

    public static string KeyOf(string ns, string bucket, string objectName) => $"{ns}/{bucket}/{objectName}";

    public static List<RecordedMessage> Deduplicate(IEnumerable<RecordedMessage> messages)
    {
        var seen = new Dictionary<string, RecordedMessage>(StringComparer.Ordinal);
        var unique = new List<RecordedMessage>();
        foreach (var message in messages.OrderBy(m => m.Partition).ThenBy(m => m.Offset))
        {
            var id = IdOf(message);
            if (seen.TryGetValue(id, out var first))
            {
                Assert.True(first.Value.AsSpan().SequenceEqual(message.Value), $"CloudEvents id {id} was delivered twice with different bytes");
                continue;
            }

            seen[id] = message;
            unique.Add(message);
        }

        return unique;
    }

    /// <summary>Whether every expected write of <paramref name="key"/> has all its messages (for waiting).</summary>
    public static bool IsComplete(IReadOnlyList<RecordedMessage> all, string key, IReadOnlyList<ExpectedWrite> writes)
    {
        var messages = Unique(all.Where(m => m.Key == key));
        var events = messages.Where(m => !IsData(m)).ToList();
        if (events.Count < writes.Count)
        {
            return false;
        }

        for (var i = 0; i < writes.Count; i++)
        {
            if (writes[i].Kind == ObjectStorageEventKind.Delete)
            {
                continue;
            }

            var eventId = ObjectStorageEvent.Parse(events[i].Value).EventId;
            var chunks = messages.Where(m => IsData(m) && Text(m, "sourceeventid") == eventId).ToList();
            if (chunks.Count == 0 || chunks.Count < Number(chunks[0], "chunkcount"))
            {
                return false;
            }
        }

        return true;
    }

    public static void AssertObject(
        IReadOnlyList<RecordedMessage> all, string ns, string bucket, string objectName, IReadOnlyList<ExpectedWrite> writes)
    {
        var key = KeyOf(ns, bucket, objectName);
        var messages = Deduplicate(all.Where(m => m.Key == key));
        Assert.True(messages.Count > 0, $"no message with key {key}");
        Assert.Single(messages.Select(m => m.Partition).Distinct());
        var position = 0;
        foreach (var write in writes)
        {
            Assert.True(position < messages.Count, $"{key}: the {write.Kind} event is missing");
            var eventMessage = messages[position++];
            Assert.True(eventMessage.Value.Length < MaxMessageBytes);
            var oci = ObjectStorageEvent.Parse(eventMessage.Value);
            Assert.Equal(write.Kind, oci.Kind);
            Assert.Equal(objectName, oci.ObjectName);
            Assert.Equal(bucket, oci.BucketName);
            Assert.Equal(ns, oci.Namespace);
            Assert.Equal($"/n/{ns}/b/{bucket}/o/{objectName}", oci.ResourceId);
            if (write.Kind == ObjectStorageEventKind.Delete)
            {
                continue;
            }

            Assert.Equal(Unquote(write.ETag), Unquote(oci.ETag));
            var body = new List<byte>();
            var chunkCount = -1L;
            for (var index = 0; chunkCount < 0 || index < chunkCount; index++)
            {
                Assert.True(position < messages.Count, $"{key}: chunk {index} of event {oci.EventId} is missing");
                var chunk = messages[position++];
                Assert.True(chunk.Value.Length < MaxMessageBytes, $"{key}: chunk {index} is {chunk.Value.Length} bytes, over OCI's 1 MB message limit");
                using var document = JsonDocument.Parse(chunk.Value);
                var root = document.RootElement;
                Assert.Equal("1.0", root.GetProperty("specversion").GetString());
                Assert.Equal(DataType, root.GetProperty("type").GetString());
                Assert.Equal($"{oci.EventId}/{index}", root.GetProperty("id").GetString());
                Assert.Equal($"/n/{ns}/b/{bucket}", root.GetProperty("source").GetString());
                Assert.Equal(objectName, root.GetProperty("subject").GetString());
                Assert.Equal(write.ContentType, root.GetProperty("datacontenttype").GetString());
                Assert.Equal(Unquote(write.ETag), Unquote(root.GetProperty("etag").GetString()));
                Assert.Equal(write.Body!.Length, Number(root, "objectsize"));
                Assert.Equal(index, Number(root, "chunkindex"));
                Assert.Equal(oci.EventId, root.GetProperty("sourceeventid").GetString());
                chunkCount = chunkCount < 0 ? Number(root, "chunkcount") : chunkCount;
                Assert.Equal(chunkCount, Number(root, "chunkcount"));
                body.AddRange(root.GetProperty("data_base64").GetBytesFromBase64());
            }

            Assert.True(write.Body.AsSpan().SequenceEqual(body.ToArray()), $"{key}: the reassembled data differs from the uploaded object");
        }

        Assert.True(position == messages.Count, $"{key}: {messages.Count - position} unexpected message(s) after the expected ones");
    }

    /// <summary>The Kafka and REST views of the same messages must be identical: partition, offset, key and bytes.</summary>
    public static void AssertSameMessages(IReadOnlyList<RecordedMessage> kafka, IReadOnlyList<RecordedMessage> rest)
    {
        static string Describe(RecordedMessage m) => $"{m.Partition}@{m.Offset} {m.Key} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(m.Value))}";
        Assert.Equal(
            kafka.OrderBy(m => m.Partition).ThenBy(m => m.Offset).Select(Describe),
            rest.OrderBy(m => m.Partition).ThenBy(m => m.Offset).Select(Describe));
    }

    private static List<RecordedMessage> Unique(IEnumerable<RecordedMessage> messages)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. messages.OrderBy(m => m.Offset).Where(m => seen.Add(IdOf(m)))];
    }

    private static string IdOf(RecordedMessage message)
    {
        using var document = JsonDocument.Parse(message.Value);
        var root = document.RootElement;
        return root.TryGetProperty("id", out var id) ? id.GetString()! : root.GetProperty("eventID").GetString()!;
    }

    private static bool IsData(RecordedMessage message)
    {
        using var document = JsonDocument.Parse(message.Value);
        return document.RootElement.TryGetProperty("type", out var type) && type.GetString() == DataType;
    }

    private static string? Text(RecordedMessage message, string property)
    {
        using var document = JsonDocument.Parse(message.Value);
        return document.RootElement.TryGetProperty(property, out var value) ? value.GetString() : null;
    }

    private static long Number(RecordedMessage message, string property)
    {
        using var document = JsonDocument.Parse(message.Value);
        return Number(document.RootElement, property);
    }

    /// <summary>CloudEvents JSON may carry integer extension attributes as numbers or as strings.</summary>
    private static long Number(JsonElement root, string property)
    {
        var value = root.GetProperty(property);
        return value.ValueKind == JsonValueKind.Number ? value.GetInt64() : long.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? Unquote(string? etag) => etag?.Trim('"');
}
