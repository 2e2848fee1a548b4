using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DevHarness.Relay.Contract;

/// <summary>
/// Writes the relay's own CloudEvents 1.0 structured-mode JSON messages (docs/message-contract.md).
/// Extension attribute names are lower-case alphanumerics as CloudEvents requires; integers are JSON numbers.
/// </summary>
internal static class CloudEventWriter
{
    // Relaxed escaping keeps object names readable in kcat and consoles; the output is still valid JSON.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One <c>relay.objectdata.v1</c> message carrying <paramref name="data"/> as <c>data_base64</c>.</summary>
    public static byte[] DataChunk(ObjectDescription description, SourceEvent sourceEvent,
        long chunkIndex, long chunkCount, ReadOnlySpan<byte> data, ArrayBufferWriter<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteDataEnvelope(writer, description, sourceEvent, chunkIndex, chunkCount);
            writer.WriteBase64String("data_base64"u8, data);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The length of a data message's envelope with empty data, for <see cref="DataChunkLayout"/>.</summary>
    public static int DataEnvelopeLength(ObjectDescription description, SourceEvent sourceEvent, long chunkIndex, long chunkCount)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteDataEnvelope(writer, description, sourceEvent, chunkIndex, chunkCount);
            writer.WriteString("data_base64"u8, ""u8);
            writer.WriteEndObject();
        }

        return buffer.WrittenCount;
    }

    /// <summary>A <c>relay.objectref.v1</c> message: the object is above <c>Relay:MaxInlineBytes</c>, so it is named, not copied.</summary>
    public static byte[] Reference(ObjectDescription description, SourceEvent sourceEvent)
    {
        ArgumentNullException.ThrowIfNull(description);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteHead(writer, CloudEventTypes.ObjectReference, sourceEvent.EventId + "/ref", description.Id, sourceEvent);
            writer.WriteString("datacontenttype"u8, "application/json"u8);
            writer.WriteString("sourceeventid"u8, sourceEvent.EventId);
            writer.WriteStartObject("data"u8);
            WriteIdentity(writer, description.Id);
            if (description.ETag is not null)
            {
                writer.WriteString("etag"u8, description.ETag);
            }

            writer.WriteNumber("size"u8, description.Size);
            writer.WriteString("contentType"u8, description.ContentType);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A <c>relay.objectmissing.v1</c> message: the object was gone (404) when the relay read it.</summary>
    public static byte[] Missing(ObjectIdentity id, SourceEvent sourceEvent)
    {
        ArgumentNullException.ThrowIfNull(id);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteHead(writer, CloudEventTypes.ObjectMissing, sourceEvent.EventId + "/missing", id, sourceEvent);
            writer.WriteString("datacontenttype"u8, "application/json"u8);
            writer.WriteString("sourceeventid"u8, sourceEvent.EventId);
            writer.WriteStartObject("data"u8);
            WriteIdentity(writer, id);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteDataEnvelope(Utf8JsonWriter writer, ObjectDescription description, SourceEvent sourceEvent,
        long chunkIndex, long chunkCount)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(sourceEvent);
        WriteHead(writer, CloudEventTypes.ObjectData,
            sourceEvent.EventId + "/" + chunkIndex.ToString(CultureInfo.InvariantCulture), description.Id, sourceEvent);
        writer.WriteString("datacontenttype"u8, description.ContentType);
        if (description.ETag is not null)
        {
            writer.WriteString("etag"u8, description.ETag);
        }

        writer.WriteNumber("objectsize"u8, description.Size);
        writer.WriteNumber("chunkindex"u8, chunkIndex);
        writer.WriteNumber("chunkcount"u8, chunkCount);
        writer.WriteString("sourceeventid"u8, sourceEvent.EventId);
    }

    private static void WriteHead(Utf8JsonWriter writer, string type, string id, ObjectIdentity objectId, SourceEvent sourceEvent)
    {
        writer.WriteStartObject();
        writer.WriteString("specversion"u8, "1.0"u8);
        writer.WriteString("type"u8, type);
        writer.WriteString("source"u8, objectId.Source);
        writer.WriteString("id"u8, id);
        writer.WriteString("subject"u8, objectId.Name);
        if (sourceEvent.EventTime is not null)
        {
            writer.WriteString("time"u8, sourceEvent.EventTime);
        }
    }

    private static void WriteIdentity(Utf8JsonWriter writer, ObjectIdentity id)
    {
        writer.WriteString("namespace"u8, id.Namespace);
        writer.WriteString("bucket"u8, id.Bucket);
        writer.WriteString("object"u8, id.Name);
    }
}
