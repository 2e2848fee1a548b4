using System.Text.Json.Nodes;
using DevHarness.Oci.Events;

namespace DevHarness.Unit.Events;

/// <summary>Each malformed event gives an error naming the field and what is wrong with it.</summary>
public sealed class ObjectStorageEventMalformedTests
{
    public static TheoryData<string, string, string, string> Malformed => new()
    {
        { "not JSON", "{\"eventType\": ", "$", "The event is not valid JSON" },
        { "empty input", "", "$", "The event is not valid JSON" },
        { "an array", "[1, 2]", "$", "The event is not a JSON object (found an array)." },
        { "a string", "\"event\"", "$", "The event is not a JSON object (found a string)." },
        { "duplicate eventType", Edit(r => { }).Replace("\"eventType\":", "\"eventType\":\"x\",\"eventType\":", StringComparison.Ordinal), "$", "The event is not valid JSON" },
        { "no eventType", Edit(r => r.Remove("eventType")), "eventType", "eventType is missing." },
        { "eventType a number", Edit(r => r["eventType"] = 7), "eventType", "eventType is not a string (found a number)." },
        { "eventType empty", Edit(r => r["eventType"] = ""), "eventType", "eventType is empty." },
        { "no eventID", Edit(r => r.Remove("eventID")), "eventID", "eventID is missing." },
        { "eventID null", Edit(r => r["eventID"] = null), "eventID", "eventID is missing." },
        { "eventTime a number", Edit(r => r["eventTime"] = 1601226150), "eventTime", "eventTime is not a string (found a number)." },
        { "eventTime not a timestamp", Edit(r => r["eventTime"] = "27/09/2020 17:02"), "eventTime", "eventTime is not an RFC 3339 timestamp: '27/09/2020 17:02'." },
        { "eventTime without offset", Edit(r => r["eventTime"] = "2020-09-27T17:02:30"), "eventTime", "eventTime is not an RFC 3339 timestamp: '2020-09-27T17:02:30'." },
        { "eventTime impossible date", Edit(r => r["eventTime"] = "2020-02-30T17:02:30Z"), "eventTime", "eventTime is not an RFC 3339 timestamp: '2020-02-30T17:02:30Z'." },
        { "no data", Edit(r => r.Remove("data")), "data", "data is missing." },
        { "data an array", Edit(r => r["data"] = new JsonArray()), "data", "data is not an object (found an array)." },
        { "no resourceName", Edit(r => r["data"]!.AsObject().Remove("resourceName")), "data.resourceName", "data.resourceName is missing." },
        { "resourceName empty", Edit(r => r["data"]!["resourceName"] = ""), "data.resourceName", "data.resourceName is empty." },
        { "resourceName an object", Edit(r => r["data"]!["resourceName"] = new JsonObject()), "data.resourceName", "data.resourceName is not a string (found an object)." },
        { "no additionalDetails", Edit(r => r["data"]!.AsObject().Remove("additionalDetails")), "data.additionalDetails", "data.additionalDetails is missing." },
        { "additionalDetails a string", Edit(r => r["data"]!["additionalDetails"] = "x"), "data.additionalDetails", "data.additionalDetails is not an object (found a string)." },
        { "no bucketName", Edit(r => Details(r).Remove("bucketName")), "data.additionalDetails.bucketName", "data.additionalDetails.bucketName is missing." },
        { "namespace a number", Edit(r => Details(r)["namespace"] = 42), "data.additionalDetails.namespace", "data.additionalDetails.namespace is not a string (found a number)." },
        { "no namespace", Edit(r => Details(r).Remove("namespace")), "data.additionalDetails.namespace", "data.additionalDetails.namespace is missing." },
        { "create without eTag", Edit(r => Details(r).Remove("eTag")), "data.additionalDetails.eTag", "data.additionalDetails.eTag is missing." },
        { "eTag a boolean", Edit(r => Details(r)["eTag"] = true), "data.additionalDetails.eTag", "data.additionalDetails.eTag is not a string (found a boolean)." },
        { "source a number", Edit(r => r["source"] = 1), "source", "source is not a string (found a number)." },
        { "extensions.compartmentId a number", Edit(r => r["extensions"]!["compartmentId"] = 1), "extensions.compartmentId", "extensions.compartmentId is not a string (found a number)." },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedEventNamesTheField(string variant, string json, string expectedPath, string expectedMessage)
    {
        var error = Assert.Throws<EventFormatException>(() => ObjectStorageEvent.Parse(json));

        Assert.True(expectedPath == error.JsonPath, $"{variant}: path was {error.JsonPath}");
        Assert.StartsWith(expectedMessage, error.Message, StringComparison.Ordinal);
    }

    private static JsonObject Details(JsonObject root) => root["data"]!["additionalDetails"]!.AsObject();

    private static string Edit(Action<JsonObject> change) => EventSamples.LiveCreateWith(change);
}
