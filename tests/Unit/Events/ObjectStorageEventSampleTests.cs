using System.Text;
using DevHarness.Oci.Events;

namespace DevHarness.Unit.Events;

public sealed class ObjectStorageEventSampleTests
{
    [Fact]
    public void ConsoleSampleParsesWithEveryTypedField()
    {
        var bytes = EventSamples.Bytes(EventSamples.ConsoleCreate);

        var e = ObjectStorageEvent.Parse(bytes);

        Assert.Equal("com.oraclecloud.objectstorage.createobject", e.EventType);
        Assert.Equal(ObjectStorageEventKind.Create, e.Kind);
        Assert.True(e.IsObjectEvent);
        Assert.Equal("2.0", e.EventTypeVersion);
        Assert.Equal("0.1", e.CloudEventsVersion);
        Assert.Equal("objectstorage", e.Source);
        Assert.Equal("application/json", e.ContentType);
        Assert.Equal("unique_ID", e.EventId);
        Assert.Equal(new DateTimeOffset(2019, 1, 10, 21, 19, 24, TimeSpan.Zero), e.EventTime);
        Assert.Equal("example_namespace", e.Namespace);
        Assert.Equal("my_bucket", e.BucketName);
        Assert.Equal("ocid1.bucket.oc1.phx.unique_id", e.BucketId);
        Assert.Equal("my_object", e.ObjectName);
        Assert.Equal("/n/example_namespace/b/my_bucket/o/my_object", e.ResourceId);
        Assert.Equal("f8ffb6e9-f602-460f-a6c0-00b5abfa24c7", e.ETag);
        Assert.Null(e.VersionId);
        Assert.Equal("ocid1.compartment.oc1..unique_ID", e.CompartmentId);
        Assert.Equal("example_name", e.CompartmentName);
        Assert.Equal("all", e.AvailabilityDomain);
        Assert.Equal("Available", e.ArchivalState);
        Assert.Equal(bytes, e.RawJson.ToArray());
    }

    [Fact]
    public void LiveSampleParses()
    {
        var bytes = EventSamples.Bytes(EventSamples.LiveCreate);

        var e = ObjectStorageEvent.Parse(bytes);

        Assert.Equal(ObjectStorageEventKind.Create, e.Kind);
        Assert.Equal("ObjectStorage", e.Source);
        Assert.Equal("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", e.EventId);
        Assert.Equal(new DateTimeOffset(2020, 9, 27, 17, 2, 30, TimeSpan.Zero), e.EventTime);
        Assert.Equal("jmjcloud", e.Namespace);
        Assert.Equal("jmj-inbound", e.BucketName);
        Assert.Equal("test_file.csv", e.ObjectName);
        Assert.Equal("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", e.ETag);
        Assert.Equal("ocid1.compartment.oc1..xxxxxxxx", e.CompartmentId);
        Assert.Equal("PHX-AD-1", e.AvailabilityDomain);
        Assert.Equal(bytes, e.RawJson.ToArray());
    }

    [Fact]
    public void VersionedUpdateSampleParsesWithFolderNameAndVersion()
    {
        var bytes = EventSamples.Bytes(EventSamples.VersionedUpdate);

        var e = ObjectStorageEvent.Parse(bytes);

        Assert.Equal(ObjectStorageEventKind.Update, e.Kind);
        Assert.Equal("datasets/train.csv", e.ObjectName);
        Assert.Equal("mynamespace", e.Namespace);
        Assert.Equal("training-data-bucket", e.BucketName);
        Assert.Equal("5f8b2c3e-1a2b-4c5d-9e8f-0a1b2c3d4e5f", e.VersionId);
        Assert.Equal("8d1c7e2a-3b4f-4e6a-9c0d-1e2f3a4b5c6d", e.ETag);
        Assert.Equal("1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901", e.EventId);
        Assert.Equal(new DateTimeOffset(2022, 8, 24, 18, 45, 39, TimeSpan.Zero), e.EventTime);
        Assert.Equal(bytes, e.RawJson.ToArray());
    }

    [Fact]
    public void DeleteSampleParses()
    {
        var e = ObjectStorageEvent.Parse(EventSamples.Bytes(EventSamples.Delete));

        Assert.Equal(ObjectStorageEventKind.Delete, e.Kind);
        Assert.Equal("invoices/2024/05/inv-001.json", e.ObjectName);
        Assert.Equal("landing-area", e.BucketName);
    }

    [Fact]
    public void DeleteWithoutETagOrArchivalStateParses()
    {
        var json = EventSamples.LiveCreateWith(root =>
        {
            root["eventType"] = ObjectStorageEventTypes.DeleteObject;
            var details = root["data"]!["additionalDetails"]!.AsObject();
            details.Remove("eTag");
            details.Remove("archivalState");
        });

        var e = ObjectStorageEvent.Parse(json);

        Assert.Equal(ObjectStorageEventKind.Delete, e.Kind);
        Assert.Null(e.ETag);
        Assert.Null(e.ArchivalState);
        Assert.Equal("test_file.csv", e.ObjectName);
    }

    [Fact]
    public void UnknownFieldsAreToleratedAndKeptInTheRawJson()
    {
        var json = EventSamples.LiveCreateWith(root =>
        {
            root["futureField"] = new System.Text.Json.Nodes.JsonObject { ["nested"] = new System.Text.Json.Nodes.JsonArray(1, 2, 3) };
            root["data"]!["additionalDetails"]!["storageTier"] = "InfrequentAccess";
            root["extensions"]!["somethingNew"] = true;
        });

        var e = ObjectStorageEvent.Parse(json);

        Assert.Equal("test_file.csv", e.ObjectName);
        Assert.Equal(json, Encoding.UTF8.GetString(e.RawJson.Span));
        Assert.Contains("\"futureField\":{\"nested\":[1,2,3]}", Encoding.UTF8.GetString(e.RawJson.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void BucketEventParsesAsNonObjectEvent()
    {
        var json = """
            {"eventType":"com.oraclecloud.objectstorage.createbucket","cloudEventsVersion":"0.1","eventTypeVersion":"2.0",
             "source":"ObjectStorage","eventTime":"2019-12-12T22:25:08.502Z","contentType":"application/json",
             "data":{"compartmentId":"ocid1.compartment.oc1..x","resourceName":"new-bucket","resourceId":"/n/ns/b/",
                     "additionalDetails":{"bucketName":"new-bucket","namespace":"ns","publicAccessType":"NoPublicAccess"}},
             "eventID":"5a8c8a1e-0000-4000-8000-000000000001","extensions":{"compartmentId":"ocid1.compartment.oc1..x"}}
            """;

        var e = ObjectStorageEvent.Parse(json);

        Assert.False(e.IsObjectEvent);
        Assert.Equal(ObjectStorageEventKind.Other, e.Kind);
        Assert.Equal(new DateTimeOffset(2019, 12, 12, 22, 25, 8, 502, TimeSpan.Zero), e.EventTime);
        Assert.Equal("new-bucket", e.BucketName);
        Assert.Equal("new-bucket", e.ResourceName);
        Assert.Null(e.ObjectName);
    }

    [Fact]
    public void NonObjectEventNeedsNoData()
    {
        var e = ObjectStorageEvent.Parse("""{"eventType":"com.oraclecloud.objectstorage.deletebucket","eventID":"1","eventTime":"2024-01-01T00:00:00Z"}""");

        Assert.False(e.IsObjectEvent);
        Assert.Null(e.BucketName);
    }

    [Fact]
    public void EventsOfOtherServicesParseAsOtherSoTheyCanBeAcknowledged()
    {
        var e = ObjectStorageEvent.Parse("""
            {"eventType":"com.oraclecloud.computeapi.launchinstance.end","cloudEventsVersion":"0.1","eventTime":"2024-01-01T00:00:00Z",
             "eventID":"9","data":{"resourceName":"vm-1","additionalDetails":{"shape":"VM.Standard.E4.Flex"}}}
            """);

        Assert.Equal(ObjectStorageEventKind.Other, e.Kind);
        Assert.False(e.IsObjectEvent);
        Assert.Null(e.ObjectName);
        Assert.Equal("vm-1", e.ResourceName);
        Assert.Null(e.Namespace);
    }

    [Fact]
    public void EventTypesAreMatchedExactly()
    {
        var e = ObjectStorageEvent.Parse(EventSamples.LiveCreateWith(root => root["eventType"] = "com.oraclecloud.objectstorage.createobject.v2"));

        Assert.Equal(ObjectStorageEventKind.Other, e.Kind);
    }

    [Theory]
    [InlineData("2020-09-27T17:02:30Z", "2020-09-27T17:02:30.0000000+00:00")]
    [InlineData("2019-12-12T22:25:08.502Z", "2019-12-12T22:25:08.5020000+00:00")]
    [InlineData("2020-09-27T19:02:30+02:00", "2020-09-27T17:02:30.0000000+00:00")]
    [InlineData("2020-09-27t17:02:30.123456789z", "2020-09-27T17:02:30.1234567+00:00")]
    public void EventTimeAcceptsRfc3339Forms(string text, string expectedUtc)
    {
        var e = ObjectStorageEvent.Parse(EventSamples.LiveCreateWith(root => root["eventTime"] = text));

        Assert.Equal(expectedUtc, e.EventTime.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ByteOrderMarkIsAcceptedAndKept()
    {
        var bytes = EventSamples.Bytes(EventSamples.LiveCreate);
        byte[] withBom = [.. Encoding.UTF8.Preamble, .. bytes];

        var e = ObjectStorageEvent.Parse(withBom);

        Assert.Equal("jmj-inbound", e.BucketName);
        Assert.Equal(withBom, e.RawJson.ToArray());
    }

    [Fact]
    public void RawJsonIsACopyNotAViewOfTheCallersBuffer()
    {
        var bytes = EventSamples.Bytes(EventSamples.LiveCreate);
        var e = ObjectStorageEvent.Parse(bytes);

        Array.Clear(bytes);

        Assert.Equal(EventSamples.Bytes(EventSamples.LiveCreate), e.RawJson.ToArray());
    }

    [Fact]
    public void CompartmentFallsBackToExtensions()
    {
        var e = ObjectStorageEvent.Parse(EventSamples.LiveCreateWith(root =>
        {
            root["data"]!.AsObject().Remove("compartmentId");
            root["extensions"]!["compartmentId"] = "ocid1.compartment.oc1..fromextensions";
        }));

        Assert.Equal("ocid1.compartment.oc1..fromextensions", e.CompartmentId);
    }
}
