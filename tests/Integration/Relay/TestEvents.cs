using System.Text;
using System.Text.Json;

namespace DevHarness.Integration.Relay;

/// <summary>OCI Object Storage events shaped as the live service delivers them (docs/oci-facts.md §1.3, key order included).</summary>
internal static class TestEvents
{
    public const string Namespace = "devharness";

    public const string Bucket = "uploads";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static byte[] Object(string kind, string objectName, string? eventId = null, string bucket = Bucket, string @namespace = Namespace) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["eventType"] = "com.oraclecloud.objectstorage." + kind,
            ["cloudEventsVersion"] = "0.1",
            ["eventTypeVersion"] = "2.0",
            ["source"] = "ObjectStorage",
            ["eventTime"] = "2026-11-20T09:14:03Z",
            ["contentType"] = "application/json",
            ["data"] = new Dictionary<string, object>
            {
                ["compartmentId"] = "ocid1.compartment.oc1..devharness",
                ["compartmentName"] = "devharness",
                ["resourceName"] = objectName,
                ["resourceId"] = $"/n/{@namespace}/b/{bucket}/o/{objectName}",
                ["availabilityDomain"] = "LOCAL-AD-1",
                ["additionalDetails"] = new Dictionary<string, object>
                {
                    ["bucketName"] = bucket,
                    ["archivalState"] = "Available",
                    ["namespace"] = @namespace,
                    ["bucketId"] = "ocid1.bucket.oc1.local.uploads",
                    ["eTag"] = "8d1c7e2a-3b4f-4e6a-9c0d-1e2f3a4b5c6d",
                },
            },
            ["eventID"] = eventId ?? Guid.NewGuid().ToString(),
            ["extensions"] = new Dictionary<string, object> { ["compartmentId"] = "ocid1.compartment.oc1..devharness" },
        }, Indented));

    public static string Key(string objectName, string bucket = Bucket) => $"{Namespace}/{bucket}/{objectName}";
}
