using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DevHarness.Emulators.Replay;

/// <summary>
/// Points a recorded event at another namespace/bucket (so the same fixtures drive a real tenancy) and
/// gives repeated events fresh <c>eventID</c>s. Key order is kept (JsonNode preserves it); an event that
/// needs no change keeps its recorded bytes.
/// </summary>
internal static class EventRewriter
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Rewrite(FixtureEvent fixture, string? targetNamespace, string? targetBucket, Guid? freshEventId)
    {
        // A target equal to what the event already names is no change: the recorded bytes stay.
        targetNamespace = targetNamespace == fixture.Namespace ? null : targetNamespace;
        targetBucket = targetBucket == fixture.Bucket ? null : targetBucket;
        if (targetNamespace is null && targetBucket is null && freshEventId is null)
        {
            return fixture.Body;
        }

        var root = JsonNode.Parse(fixture.Body)!.AsObject();
        if (freshEventId is { } id)
        {
            root["eventID"] = id.ToString("D");
        }

        var ns = targetNamespace ?? fixture.Namespace;
        var bucket = targetBucket ?? fixture.Bucket;
        if ((targetNamespace is not null || targetBucket is not null) && root["data"] is JsonObject data)
        {
            if (data["additionalDetails"] is JsonObject details)
            {
                if (targetNamespace is not null && details.ContainsKey("namespace"))
                {
                    details["namespace"] = targetNamespace;
                }

                if (targetBucket is not null && details.ContainsKey("bucketName"))
                {
                    details["bucketName"] = targetBucket;
                }
            }

            if (fixture.ObjectName is { } objectName)
            {
                data["resourceId"] = $"/n/{ns}/b/{bucket}/o/{objectName}";
            }
            else if (fixture.Bucket is not null && targetBucket is not null && data["resourceName"]?.GetValue<string>() == fixture.Bucket)
            {
                data["resourceName"] = targetBucket;
                data["resourceId"] = $"/n/{ns}/b/";
            }
            else if (data.ContainsKey("resourceId"))
            {
                data["resourceId"] = $"/n/{ns}/b/";
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(root, Relaxed);
    }
}
