using System.Text.Json;

namespace DevHarness.Emulators.Replay;

/// <summary>One recorded event to replay: its bytes exactly as recorded, and what it names.</summary>
internal sealed record FixtureEvent(string Name, byte[] Body, string EventType, string? Namespace, string? Bucket, string? ObjectName)
{
    /// <summary>True for create/update object events, whose object the function will read.</summary>
    public bool NeedsObject => ObjectName is not null && (EventType.EndsWith(".createobject", StringComparison.Ordinal) || EventType.EndsWith(".updateobject", StringComparison.Ordinal));

    public static FixtureEvent Parse(string name, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var eventType = root.TryGetProperty("eventType", out var type) && type.ValueKind == JsonValueKind.String
                ? type.GetString()!
                : throw new FormatException($"{name}: not an OCI event (no string \"eventType\").");
            string? ns = null, bucket = null, objectName = null;
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                if (data.TryGetProperty("additionalDetails", out var details) && details.ValueKind == JsonValueKind.Object)
                {
                    ns = Text(details, "namespace");
                    bucket = Text(details, "bucketName");
                }

                // Object events carry /n/<ns>/b/<bucket>/o/<name>; bucket events /n/<ns>/b/ (docs/oci-facts.md §1.1).
                if (Text(data, "resourceId") is { } resourceId && resourceId.Contains("/o/", StringComparison.Ordinal))
                {
                    objectName = Text(data, "resourceName");
                }
            }

            return new FixtureEvent(name, body, eventType, ns, bucket, objectName);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{name}: not valid JSON: {ex.Message}", ex);
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
