using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DevHarness.Oci.Events;

/// <summary>
/// An OCI Events event about Object Storage: the CloudEvents <b>0.1</b>-style envelope OCI emits
/// (docs/oci-facts.md §1.1: <c>eventType</c>, <c>eventID</c>, <c>eventTime</c>, <c>data.additionalDetails</c>…),
/// typed, with the input kept byte for byte in <see cref="RawJson"/> so it can be relayed unchanged.
/// Unknown fields are tolerated. Object events (create/update/delete object) must name the object,
/// bucket and namespace; other Object Storage events (bucket events) parse with
/// <see cref="IsObjectEvent"/> false.
/// </summary>
public sealed partial class ObjectStorageEvent
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    private ObjectStorageEvent(ReadOnlyMemory<byte> rawJson, string eventType, string eventId, DateTimeOffset eventTime)
    {
        RawJson = rawJson;
        EventType = eventType;
        EventId = eventId;
        EventTime = eventTime;
        Kind = ObjectStorageEventTypes.KindOf(eventType);
    }

    /// <summary>The input, exactly as given (UTF-8).</summary>
    public ReadOnlyMemory<byte> RawJson { get; }

    /// <summary><c>eventType</c>, e.g. <c>com.oraclecloud.objectstorage.createobject</c>.</summary>
    public string EventType { get; }

    /// <summary><c>eventID</c>, a UUID; consumers de-duplicate by it.</summary>
    public string EventId { get; }

    /// <summary><c>eventTime</c>, an RFC 3339 timestamp.</summary>
    public DateTimeOffset EventTime { get; }

    /// <summary>Create, Update or Delete for object events; Other for the rest.</summary>
    public ObjectStorageEventKind Kind { get; }

    /// <summary>Whether this is a create/update/delete object event, whose object, bucket and namespace are then set.</summary>
    [MemberNotNullWhen(true, nameof(ObjectName), nameof(Namespace), nameof(BucketName))]
    public bool IsObjectEvent => Kind != ObjectStorageEventKind.Other;

    /// <summary><c>eventTypeVersion</c> (<c>2.0</c> today).</summary>
    public string? EventTypeVersion { get; private init; }

    /// <summary><c>cloudEventsVersion</c> (<c>0.1</c>).</summary>
    public string? CloudEventsVersion { get; private init; }

    /// <summary><c>source</c> (<c>ObjectStorage</c> live, <c>objectstorage</c> in the docs' sample).</summary>
    public string? Source { get; private init; }

    /// <summary><c>contentType</c> of the envelope (<c>application/json</c>).</summary>
    public string? ContentType { get; private init; }

    /// <summary><c>data.additionalDetails.namespace</c>.</summary>
    public string? Namespace { get; private init; }

    /// <summary><c>data.additionalDetails.bucketName</c>.</summary>
    public string? BucketName { get; private init; }

    /// <summary><c>data.additionalDetails.bucketId</c> (a bucket OCID).</summary>
    public string? BucketId { get; private init; }

    /// <summary>
    /// The object's full name, folder prefixes included (<c>data.resourceName</c> of an object event);
    /// null for other events, whose resource is not an object.
    /// </summary>
    public string? ObjectName { get; private init; }

    /// <summary><c>data.resourceName</c> as sent, for every kind of event (a bucket's name on bucket events).</summary>
    public string? ResourceName { get; private init; }

    /// <summary><c>data.resourceId</c>, e.g. <c>/n/ns/b/bucket/o/name</c>.</summary>
    public string? ResourceId { get; private init; }

    /// <summary><c>data.additionalDetails.eTag</c>; required for create and update, optional for delete (docs/oci-facts.md §1.5).</summary>
    public string? ETag { get; private init; }

    /// <summary><c>data.additionalDetails.versionId</c> on versioned buckets.</summary>
    public string? VersionId { get; private init; }

    /// <summary><c>data.additionalDetails.archivalState</c>.</summary>
    public string? ArchivalState { get; private init; }

    /// <summary><c>data.compartmentId</c>, or else <c>extensions.compartmentId</c>.</summary>
    public string? CompartmentId { get; private init; }

    /// <summary><c>data.compartmentName</c>.</summary>
    public string? CompartmentName { get; private init; }

    /// <summary><c>data.availabilityDomain</c>.</summary>
    public string? AvailabilityDomain { get; private init; }

    /// <summary>Parses an event from its UTF-8 JSON; throws <see cref="EventFormatException"/> naming the offending field.</summary>
    public static ObjectStorageEvent Parse(ReadOnlyMemory<byte> utf8Json)
    {
        var raw = utf8Json.ToArray();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(WithoutBom(raw), DocumentOptions);
        }
        catch (JsonException exception)
        {
            throw new EventFormatException("$", $"The event is not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            return Read(raw, document.RootElement);
        }
    }

    /// <summary>Parses an event from JSON text; <see cref="RawJson"/> is its UTF-8 encoding.</summary>
    public static ObjectStorageEvent Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    private static ObjectStorageEvent Read(byte[] raw, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new EventFormatException("$", $"The event is not a JSON object (found {Describe(root.ValueKind)}).");
        }

        var eventType = RequiredString(root, "eventType", "eventType");
        var eventId = RequiredString(root, "eventID", "eventID");
        var eventTime = ParseTime(RequiredString(root, "eventTime", "eventTime"));
        var isObjectEvent = ObjectStorageEventTypes.KindOf(eventType) != ObjectStorageEventKind.Other;

        var data = OptionalObject(root, "data", "data", isObjectEvent);
        var details = data is { } d ? OptionalObject(d, "additionalDetails", "data.additionalDetails", isObjectEvent) : null;
        var extensions = OptionalObject(root, "extensions", "extensions", required: false);
        var resourceName = StringIn(data, "resourceName", "data.resourceName", isObjectEvent);
        var dataCompartment = StringIn(data, "compartmentId", "data.compartmentId", required: false);
        var extensionsCompartment = StringIn(extensions, "compartmentId", "extensions.compartmentId", required: false);
        var requireETag = ObjectStorageEventTypes.KindOf(eventType) is ObjectStorageEventKind.Create or ObjectStorageEventKind.Update;

        return new ObjectStorageEvent(raw, eventType, eventId, eventTime)
        {
            EventTypeVersion = OptionalString(root, "eventTypeVersion", "eventTypeVersion"),
            CloudEventsVersion = OptionalString(root, "cloudEventsVersion", "cloudEventsVersion"),
            Source = OptionalString(root, "source", "source"),
            ContentType = OptionalString(root, "contentType", "contentType"),
            ResourceName = resourceName,
            ObjectName = isObjectEvent ? resourceName : null,
            ResourceId = StringIn(data, "resourceId", "data.resourceId", required: false),
            CompartmentId = dataCompartment ?? extensionsCompartment,
            CompartmentName = StringIn(data, "compartmentName", "data.compartmentName", required: false),
            AvailabilityDomain = StringIn(data, "availabilityDomain", "data.availabilityDomain", required: false),
            Namespace = StringIn(details, "namespace", "data.additionalDetails.namespace", isObjectEvent),
            BucketName = StringIn(details, "bucketName", "data.additionalDetails.bucketName", isObjectEvent),
            BucketId = StringIn(details, "bucketId", "data.additionalDetails.bucketId", required: false),
            ETag = StringIn(details, "eTag", "data.additionalDetails.eTag", requireETag),
            VersionId = StringIn(details, "versionId", "data.additionalDetails.versionId", required: false),
            ArchivalState = StringIn(details, "archivalState", "data.additionalDetails.archivalState", required: false),
        };
    }

    private static ReadOnlyMemory<byte> WithoutBom(byte[] raw) =>
        raw.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? raw.AsMemory(Encoding.UTF8.Preamble.Length) : raw;

    private static DateTimeOffset ParseTime(string text)
    {
        // RFC 3339 §5.6: full-date "T" full-time, with Z or a numeric offset; both "…:30Z" and
        // "…:08.502Z" occur in real deliveries (docs/oci-facts.md §1.1). .NET keeps at most 7 fraction digits.
        var match = Rfc3339().Match(text);
        if (match.Success)
        {
            var fraction = match.Groups["fraction"].Value;
            var normalized = string.Concat(match.Groups["main"].Value, fraction.Length > 8 ? fraction[..8] : fraction, match.Groups["offset"].Value);
            if (DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return time;
            }
        }

        throw new EventFormatException("eventTime", $"eventTime is not an RFC 3339 timestamp: '{text}'.");
    }

    private static string RequiredString(JsonElement parent, string name, string path) =>
        StringIn(parent, name, path, required: true)!;

    private static string? OptionalString(JsonElement parent, string name, string path) =>
        StringIn(parent, name, path, required: false);

    private static string? StringIn(JsonElement? parent, string name, string path, bool required)
    {
        if (parent is not { } element || !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new EventFormatException(path, $"{path} is missing.") : null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new EventFormatException(path, $"{path} is not a string (found {Describe(value.ValueKind)}).");
        }

        var text = value.GetString()!;
        return required && text.Length == 0 ? throw new EventFormatException(path, $"{path} is empty.") : text;
    }

    private static JsonElement? OptionalObject(JsonElement parent, string name, string path, bool required)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new EventFormatException(path, $"{path} is missing.") : null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw new EventFormatException(path, $"{path} is not an object (found {Describe(value.ValueKind)}).");
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    [GeneratedRegex(@"^(?<main>\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2})(?<fraction>\.\d+)?(?<offset>[Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
