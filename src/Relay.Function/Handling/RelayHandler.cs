using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using DevHarness.Oci;
using DevHarness.Oci.Events;
using DevHarness.Oci.ObjectStorage;
using DevHarness.Relay.Configuration;
using DevHarness.Relay.Contract;
using DevHarness.Relay.Publishing;

namespace DevHarness.Relay.Handling;

/// <summary>
/// The relay itself (docs/architecture.md "The relay"), shared by the Fn and HTTP listeners: parse the OCI event,
/// read the object streamed, publish the event and the data per the message contract, and return only
/// once the stream has acknowledged everything.
/// </summary>
internal sealed class RelayHandler(ObjectStorageClient objectStorage, IStreamPublisher publisher, RelaySettings settings)
{
    private const string InlineData = "inline";

    /// <summary>OCI's code for a missing object (docs/oci-facts.md §4), as opposed to a missing bucket or permission.</summary>
    private const string ObjectNotFound = "ObjectNotFound";

    /// <summary>Room for one data message: the stream's limit.</summary>
    private const int StreamLimitsBuffer = Oci.Streaming.StreamLimits.MaxMessageBytes;

    /// <summary>A data message's envelope beside its base64 data, generously: the buffer grows if it is ever more.</summary>
    private const int EnvelopeAllowance = 2048;

    /// <summary>Relays one parsed event; throws <see cref="RelayRejectedException"/> for an event that can never be relayed as configured.</summary>
    public async Task<RelayOutcome> HandleAsync(ObjectStorageEvent evt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        using var activity = RelayTelemetry.Source.StartActivity("relay " + evt.EventType, ActivityKind.Internal);
        activity?.SetTag("relay.event.id", evt.EventId);
        activity?.SetTag("relay.event.type", evt.EventType);
        if (!evt.IsObjectEvent)
        {
            return new RelayOutcome(RelayStatus.Ignored, evt.EventId, evt.EventType, null, "none", 0, PublishReceipt.Empty);
        }

        var id = new ObjectIdentity(evt.Namespace, evt.BucketName, evt.ObjectName);
        activity?.SetTag("relay.object", $"{id.Namespace}/{id.Bucket}/{id.Name}");
        var source = new SourceEvent(evt.EventId,
            evt.EventTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        await using var publication = publisher.Begin();
        var (data, bytes) = settings.Format == RelayFormat.Seed
            ? await RelaySeedAsync(evt, id, publication, cancellationToken)
            : await RelayCloudEventsAsync(evt, id, source, publication, cancellationToken);
        var receipt = await publication.CompleteAsync(cancellationToken);
        activity?.SetTag("relay.messages", receipt.Messages);
        return new RelayOutcome(RelayStatus.Relayed, evt.EventId, evt.EventType,
            $"{id.Namespace}/{id.Bucket}/{id.Name}", data, bytes, receipt);
    }

    private async Task<(string Data, long Bytes)> RelayCloudEventsAsync(ObjectStorageEvent evt, ObjectIdentity id,
        SourceEvent source, IStreamPublication publication, CancellationToken cancellationToken)
    {
        var key = id.Key();
        if (evt.Kind == ObjectStorageEventKind.Delete)
        {
            await publication.AddAsync(new RelayMessage(key, evt.RawJson.ToArray()), cancellationToken);
            return ("none", 0);
        }

        // The object is opened before anything is published, so a read that fails publishes nothing.
        await using var response = await TryGetObjectAsync(id, cancellationToken);
        await publication.AddAsync(new RelayMessage(key, evt.RawJson.ToArray()), cancellationToken);
        if (response is null)
        {
            await publication.AddAsync(new RelayMessage(key, CloudEventWriter.Missing(id, source)), cancellationToken);
            return ("missing", 0);
        }

        var description = Describe(id, response);
        if (description.Size > settings.MaxInlineBytes)
        {
            await publication.AddAsync(new RelayMessage(key, CloudEventWriter.Reference(description, source)), cancellationToken);
            return ("reference", 0);
        }

        await PublishChunksAsync(response.Content, description, source, key, publication, cancellationToken);
        return (InlineData, description.Size);
    }

    private async Task<(string Data, long Bytes)> RelaySeedAsync(ObjectStorageEvent evt, ObjectIdentity id,
        IStreamPublication publication, CancellationToken cancellationToken)
    {
        if (evt.Kind == ObjectStorageEventKind.Delete)
        {
            await publication.AddAsync(SeedMessages.Event(evt.RawJson.ToArray()), cancellationToken);
            return ("none", 0);
        }

        await using var response = await TryGetObjectAsync(id, cancellationToken);
        if (response is null)
        {
            // The original function would crash here; its consumers only ever saw event + data, so the
            // event goes alone and the log says the object was missing.
            await publication.AddAsync(SeedMessages.Event(evt.RawJson.ToArray()), cancellationToken);
            return ("missing", 0);
        }

        var description = Describe(id, response);
        var limit = SeedMessages.MaxObjectBytes(evt.RawJson.Length);
        if (description.Size > limit)
        {
            throw new RelayRejectedException(
                $"Object {id.Namespace}/{id.Bucket}/{id.Name} is {description.Size} bytes; format 'seed' publishes it as one message "
                + $"beside the event, which allows at most {limit} bytes here. Use Relay:Format=cloudevents to relay it in chunks.");
        }

        var content = new byte[description.Size];
        await ReadExactlyAsync(response.Content, content, description, 0, cancellationToken);
        await EnsureEndAsync(response.Content, description, cancellationToken);
        await publication.AddAsync(SeedMessages.Event(evt.RawJson.ToArray()), cancellationToken);
        await publication.AddAsync(SeedMessages.Data(content), cancellationToken);
        return (InlineData, description.Size);
    }

    private static async Task PublishChunksAsync(Stream content, ObjectDescription description, SourceEvent source,
        byte[] key, IStreamPublication publication, CancellationToken cancellationToken)
    {
        var layout = DataChunkLayout.For(description, source, key.Length);
        // Buffers sized for this object's largest chunk, not the stream's 1 MiB limit: a small object (the common
        // case) would otherwise cost a 1 MiB allocation per invocation, and the garbage collector's time with it.
        var largest = (int)Math.Min(layout.ChunkSize, Math.Max(description.Size, 1));
        var chunk = ArrayPool<byte>.Shared.Rent(largest);
        var output = new ArrayBufferWriter<byte>(Math.Min(StreamLimitsBuffer, (((largest + 2) / 3) * 4) + EnvelopeAllowance));
        try
        {
            long offset = 0;
            for (long index = 0; index < layout.ChunkCount; index++)
            {
                var length = (int)Math.Min(layout.ChunkSize, description.Size - offset);
                await ReadExactlyAsync(content, chunk.AsMemory(0, length), description, offset, cancellationToken);
                offset += length;
                var value = CloudEventWriter.DataChunk(description, source, index, layout.ChunkCount, chunk.AsSpan(0, length), output);
                await publication.AddAsync(new RelayMessage(key, value), cancellationToken);
            }

            await EnsureEndAsync(content, description, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private async Task<GetObjectResponse?> TryGetObjectAsync(ObjectIdentity id, CancellationToken cancellationToken)
    {
        try
        {
            return await objectStorage.GetObjectAsync(id.Namespace, id.Bucket, id.Name, cancellationToken: cancellationToken);
        }
        catch (OciException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Only ObjectNotFound means "deleted since the event": relayed with a marker, not an error
            // (docs/architecture.md). BucketNotFound, NamespaceNotFound and NotAuthorizedOrNotFound (what a
            // missing `read objects` policy gives) are configuration or permission errors: every later event
            // would "succeed" with no data, so the invocation fails instead (docs/oci-facts.md §4).
            return ex.Code == ObjectNotFound ? null : throw new ObjectReadException(id, ex);
        }
    }

    private static ObjectDescription Describe(ObjectIdentity id, GetObjectResponse response)
    {
        var size = response.ContentLength
            ?? throw new InvalidDataException($"GetObject for {id.Namespace}/{id.Bucket}/{id.Name} answered without Content-Length.");
        return new ObjectDescription(id, response.ContentType ?? "application/octet-stream", response.ETag, size);
    }

    private static async Task ReadExactlyAsync(Stream content, Memory<byte> buffer, ObjectDescription description, long offset,
        CancellationToken cancellationToken)
    {
        var read = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (read < buffer.Length)
        {
            throw new InvalidDataException(
                $"Object {description.Id.Name} ended after {offset + read} of its {description.Size} bytes; nothing is acknowledged.");
        }
    }

    private static async Task EnsureEndAsync(Stream content, ObjectDescription description, CancellationToken cancellationToken)
    {
        var probe = new byte[1];
        if (await content.ReadAsync(probe, cancellationToken) != 0)
        {
            throw new InvalidDataException(
                $"Object {description.Id.Name} is longer than its Content-Length of {description.Size} bytes; nothing is acknowledged.");
        }
    }
}
