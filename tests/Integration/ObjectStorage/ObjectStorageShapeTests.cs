using System.Net;
using System.Text;
using System.Text.Json;
using DevHarness.Integration.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>
/// The shapes strict parsers trip on, as OCI writes them: timestamps with milliseconds and <c>Z</c>, events
/// that carry the bucket's compartment name and tags, and byte ranges with numbers of any length.
/// </summary>
public sealed class ObjectStorageShapeTests
{
    private const string OciTimestamp = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JsonTimestampsHaveMillisecondsAndZ()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var put = await os.PutAsync("stamped.txt", "x");

        using var bucket = JsonDocument.Parse(await os.Http.GetStringAsync("/n/devharness/b/uploads", Ct));
        using var list = JsonDocument.Parse(await os.Http.GetStringAsync("/n/devharness/b/uploads/o?fields=timeCreated,timeModified", Ct));
        using var buckets = JsonDocument.Parse(await os.Http.GetStringAsync("/n/devharness/b/?compartmentId=ocid1.compartment.oc1..devharness", Ct));

        Assert.Matches(OciTimestamp, bucket.RootElement.GetProperty("timeCreated").GetString());
        var summary = list.RootElement.GetProperty("objects")[0];
        Assert.Matches(OciTimestamp, summary.GetProperty("timeCreated").GetString());
        Assert.Matches(OciTimestamp, summary.GetProperty("timeModified").GetString());
        Assert.Matches(OciTimestamp, buckets.RootElement[0].GetProperty("timeCreated").GetString());
    }

    [Fact]
    public async Task UploadsParsVersionsAndWorkRequestsWriteTimestampsTheSameWay()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        await os.CreateBucketAsync("history", versioning: "Enabled");
        using (var first = await os.PutAsync("doc.txt", "one", bucket: "history"))
        using (var second = await os.PutAsync("doc.txt", "two", bucket: "history"))
        {
        }

        using var upload = JsonDocument.Parse(await os.PostJsonAsync("/n/devharness/b/uploads/u", """{"object":"big.bin"}"""));
        using var par = JsonDocument.Parse(await os.PostJsonAsync("/n/devharness/b/uploads/p/", """{"name":"p","accessType":"AnyObjectRead","timeExpires":"2099-01-01T00:00:00+02:00"}"""));
        using var pars = JsonDocument.Parse(await os.Http.GetStringAsync("/n/devharness/b/uploads/p/", Ct));
        using var versions = JsonDocument.Parse(await os.Http.GetStringAsync("/n/devharness/b/history/objectversions?fields=timeCreated", Ct));
        using var copy = new HttpRequestMessage(HttpMethod.Post, "/n/devharness/b/history/actions/copyObject")
        {
            Content = new StringContent("""{"sourceObjectName":"doc.txt","destinationRegion":"local","destinationNamespace":"devharness","destinationBucket":"uploads","destinationObjectName":"copy.txt"}""", Encoding.UTF8, "application/json"),
        };
        using var copied = await os.SendAsync(copy);
        var workRequestId = copied.Headers.GetValues("opc-work-request-id").Single();
        using var workRequest = JsonDocument.Parse(await os.Http.GetStringAsync($"/workRequests/{workRequestId}", Ct));
        using var logs = JsonDocument.Parse(await os.Http.GetStringAsync($"/workRequests/{workRequestId}/logs", Ct));

        Assert.Matches(OciTimestamp, upload.RootElement.GetProperty("timeCreated").GetString());
        Assert.Equal("2098-12-31T22:00:00.000Z", par.RootElement.GetProperty("timeExpires").GetString());
        Assert.Matches(OciTimestamp, par.RootElement.GetProperty("timeCreated").GetString());
        Assert.Matches(OciTimestamp, pars.RootElement[0].GetProperty("timeCreated").GetString());
        Assert.All(versions.RootElement.GetProperty("items").EnumerateArray(), v =>
        {
            Assert.Matches(OciTimestamp, v.GetProperty("timeModified").GetString());
            Assert.Matches(OciTimestamp, v.GetProperty("timeCreated").GetString());
        });
        foreach (var field in new[] { "timeAccepted", "timeStarted", "timeFinished" })
        {
            Assert.Matches(OciTimestamp, workRequest.RootElement.GetProperty(field).GetString());
        }

        Assert.Matches(OciTimestamp, logs.RootElement[0].GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task EventsCarryMillisecondTimesTheBucketsCompartmentNameAndItsTags()
    {
        using var receiver = WireMockServer.Start();
        receiver.Given(Request.Create().WithPath("/events").UsingPost()).RespondWith(Response.Create().WithStatusCode(202));
        await using var os = await ObjectStorageTestContext.StartAsync(o => o.EventsUrl = new Uri(receiver.Url + "/events"));
        var create = """
            { "name": "finance-inbox", "compartmentId": "ocid1.compartment.oc1..finance", "objectEventsEnabled": true,
              "freeformTags": { "team": "ledger" }, "definedTags": { "Operations": { "CostCenter": "42", "Tier": 1 } } }
            """;
        using var created = await os.Http.PostAsync("/n/devharness/b/", new StringContent(create, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var put = await os.PutAsync("invoice.pdf", "pdf", bucket: "finance-inbox");

        await Eventually.TrueAsync(() => receiver.LogEntries.Count(e => e.RequestMessage?.Body?.Contains("createobject", StringComparison.Ordinal) == true) == 1, "the createobject event");
        var body = receiver.LogEntries.Single(e => e.RequestMessage!.Body!.Contains("createobject", StringComparison.Ordinal)).RequestMessage!.Body!;
        using var delivered = JsonDocument.Parse(body);
        var root = delivered.RootElement;
        var data = root.GetProperty("data");

        Assert.Matches(OciTimestamp, root.GetProperty("eventTime").GetString());
        Assert.Equal("ocid1.compartment.oc1..finance", data.GetProperty("compartmentId").GetString());
        Assert.Equal("finance", data.GetProperty("compartmentName").GetString());
        Assert.Equal("ledger", data.GetProperty("freeFormTags").GetProperty("team").GetString());
        Assert.Equal("42", data.GetProperty("definedTags").GetProperty("Operations").GetProperty("CostCenter").GetString());
        Assert.Equal(1, data.GetProperty("definedTags").GetProperty("Operations").GetProperty("Tier").GetInt32());
        Assert.Equal(
            ["compartmentId", "compartmentName", "resourceName", "resourceId", "availabilityDomain", "freeFormTags", "definedTags", "additionalDetails"],
            data.EnumerateObject().Select(p => p.Name));

        using var bucket = JsonDocument.Parse(await os.Http.GetStringAsync("/n/devharness/b/finance-inbox", Ct));
        Assert.Equal("ledger", bucket.RootElement.GetProperty("freeformTags").GetProperty("team").GetString());
        Assert.Equal("42", bucket.RootElement.GetProperty("definedTags").GetProperty("Operations").GetProperty("CostCenter").GetString());
    }

    [Fact]
    public async Task UpdateBucketReplacesTheTagsLaterEventsCarry()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        await os.CreateBucketAsync("tagged");

        using var update = await os.Http.PostAsync("/n/devharness/b/tagged", new StringContent("""{"freeformTags":{"stage":"prod"}}""", Encoding.UTF8, "application/json"), Ct);
        using var updated = JsonDocument.Parse(await update.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("prod", updated.RootElement.GetProperty("freeformTags").GetProperty("stage").GetString());
        Assert.Equal("prod", os.Emulator.Store.GetBucket("tagged")!.FreeformTags["stage"]);
    }

    [Fact]
    public async Task ABucketWithoutTagsSendsEventsWithoutTagFieldsAsRealDeliveriesDo()
    {
        using var receiver = WireMockServer.Start();
        receiver.Given(Request.Create().WithPath("/events").UsingPost()).RespondWith(Response.Create().WithStatusCode(202));
        await using var os = await ObjectStorageTestContext.StartAsync(o => o.EventsUrl = new Uri(receiver.Url + "/events"));
        using var put = await os.PutAsync("plain.txt", "x");

        await Eventually.TrueAsync(() => receiver.LogEntries.Any(), "the event");
        using var delivered = JsonDocument.Parse(receiver.LogEntries.Single().RequestMessage!.Body!);
        var data = delivered.RootElement.GetProperty("data");

        Assert.False(data.TryGetProperty("freeFormTags", out _));
        Assert.False(data.TryGetProperty("definedTags", out _));
        Assert.Equal("devharness", data.GetProperty("compartmentName").GetString());
    }

    [Theory]
    [InlineData("bytes=0-99999999999999999999", 206, "bytes 0-9/10", "0123456789")]
    [InlineData("bytes=4-99999999999999999999", 206, "bytes 4-9/10", "456789")]
    [InlineData("bytes=-99999999999999999999", 206, "bytes 0-9/10", "0123456789")]
    [InlineData("bytes=99999999999999999999-", 416, "bytes */10", null)]
    [InlineData("bytes=99999999999999999999-99999999999999999999", 416, "bytes */10", null)]
    [InlineData("bytes=10-", 416, "bytes */10", null)]
    public async Task RangesWithHugeNumbersAreReadAsRfc7233Says(string range, int status, string contentRange, string? body)
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var put = await os.PutAsync("digits.txt", "0123456789");

        using var response = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("digits.txt"), h => h.TryAddWithoutValidation("Range", range));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(contentRange, response.Content.Headers.TryGetValues("Content-Range", out var values) ? values.Single() : response.Headers.GetValues("Content-Range").Single());
        if (body is not null)
        {
            Assert.Equal(body, await response.Content.ReadAsStringAsync(Ct));
        }
    }
}
