using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DevHarness.Oci;

namespace DevHarness.Emulators.Events;

/// <summary>
/// Writes Object Storage events exactly as the live service delivers them (docs/oci-facts.md §1.3/§1.4): the
/// CloudEvents 0.1 envelope, <c>eventTypeVersion</c> 2.0, <c>source</c> <c>ObjectStorage</c>, and the key
/// order of real deliveries. A <see cref="Utf8JsonWriter"/> is used instead of a serializer because key
/// order is part of the contract (the relay forwards the event byte for byte).
/// </summary>
internal static class ObjectStorageEventBuilder
{
    // Names stay readable UTF-8 (unicode object names are common); only what JSON requires is escaped.
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true, IndentSize = 2 };

    /// <summary>Builds the event with a fresh UUID <c>eventID</c> and the current time.</summary>
    public static byte[] Build(ObjectStorageEventFacts facts, TimeProvider? clock = null) =>
        Build(facts, Guid.NewGuid(), (clock ?? TimeProvider.System).GetUtcNow(), indented: false);

    public static byte[] Build(ObjectStorageEventFacts facts, Guid eventId, DateTimeOffset eventTime, bool indented)
    {
        ArgumentNullException.ThrowIfNull(facts);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
        {
            json.WriteStartObject();
            json.WriteString("eventType", ObjectStorageEventFacts.EventTypePrefix + facts.EventType);
            json.WriteString("cloudEventsVersion", "0.1");
            json.WriteString("eventTypeVersion", "2.0");
            json.WriteString("source", "ObjectStorage");
            // Milliseconds and Z, as OCI's reference events write it (docs/oci-facts.md §1.1).
            json.WriteString("eventTime", OciTimestampJsonConverter.ToText(eventTime));
            json.WriteString("contentType", "application/json");
            json.WritePropertyName("data");
            WriteData(json, facts);
            json.WriteString("eventID", eventId.ToString("D"));
            json.WriteStartObject("extensions");
            json.WriteString("compartmentId", facts.CompartmentId);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The event as indented text, the way fixtures and <c>generate-event</c> show it.</summary>
    public static string BuildIndented(ObjectStorageEventFacts facts, Guid eventId, DateTimeOffset eventTime) =>
        Encoding.UTF8.GetString(Build(facts, eventId, eventTime, indented: true));

    private static void WriteData(Utf8JsonWriter json, ObjectStorageEventFacts facts)
    {
        var bucketId = facts.BucketId ?? ObjectStorageEventFacts.LocalBucketId(facts.Namespace, facts.BucketName);
        json.WriteStartObject();
        json.WriteString("compartmentId", facts.CompartmentId);
        json.WriteString("compartmentName", facts.CompartmentName);
        if (facts.ObjectName is { } objectName)
        {
            json.WriteString("resourceName", objectName);
            json.WriteString("resourceId", $"/n/{facts.Namespace}/b/{facts.BucketName}/o/{objectName}");
        }
        else
        {
            // Bucket events name the bucket and carry the bucket collection as resourceId (docs/oci-facts.md §1.1).
            json.WriteString("resourceName", facts.BucketName);
            json.WriteString("resourceId", $"/n/{facts.Namespace}/b/");
        }

        json.WriteString("availabilityDomain", facts.AvailabilityDomain);
        WriteTags(json, facts);
        json.WriteStartObject("additionalDetails");
        json.WriteString("bucketName", facts.BucketName);
        if (facts.VersionId is { } versionId)
        {
            json.WriteString("versionId", versionId);
        }

        if (facts.IsObjectEvent)
        {
            json.WriteString("archivalState", facts.ArchivalState);
        }
        else
        {
            json.WriteString("publicAccessType", facts.PublicAccessType);
        }

        json.WriteString("namespace", facts.Namespace);
        json.WriteString("bucketId", bucketId);
        if (facts.ETag is { } etag)
        {
            json.WriteString("eTag", etag);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// The bucket's tags, so rules can filter on them; named as OCI's event reference names the payload's
    /// tag fields (docs/oci-facts.md §1.1). Left out when the bucket has none, as in real deliveries.
    /// </summary>
    private static void WriteTags(Utf8JsonWriter json, ObjectStorageEventFacts facts)
    {
        if (facts.FreeformTags is { Count: > 0 } freeform)
        {
            json.WriteStartObject("freeFormTags");
            foreach (var (key, value) in freeform)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
        }

        if (facts.DefinedTags is { Count: > 0 } defined)
        {
            json.WriteStartObject("definedTags");
            foreach (var (tagNamespace, tags) in defined)
            {
                json.WriteStartObject(tagNamespace);
                foreach (var (key, value) in tags)
                {
                    json.WritePropertyName(key);
                    value.WriteTo(json);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }
    }
}
