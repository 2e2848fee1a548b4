using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DevHarness.Oci;
using DevHarness.Oci.ObjectStorage;
using DevHarness.Unit.Http;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace DevHarness.Unit.ObjectStorage;

public sealed class ObjectStorageClientTests : IDisposable
{
    private const string LastModified = "Thu, 02 May 2024 10:15:01 GMT";
    private readonly OciTestServer _server = new();
    private readonly ObjectStorageClient _client;

    public ObjectStorageClientTests() => _client = new ObjectStorageClient(_server.Http);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task GetNamespaceReadsTheJsonString()
    {
        _server.Server.Given(Request.Create().WithPath("/n/").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("\"devharness\""));

        Assert.Equal("devharness", await _client.GetNamespaceAsync(cancellationToken: Ct));
        Assert.Equal("/n/", _server.SingleRequest.AbsolutePath);
    }

    [Fact]
    public async Task GetNamespaceAcceptsPlainText()
    {
        _server.Server.Given(Request.Create().WithPath("/n/").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/plain").WithBody("devharness\n"));

        Assert.Equal("devharness", await _client.GetNamespaceAsync("ocid1.compartment.oc1..c", Ct));
        Assert.Equal("ocid1.compartment.oc1..c", _server.SingleRequest.Query!["compartmentId"].Single());
    }

    [Fact]
    public async Task GetObjectExposesBodyAndOciHeaders()
    {
        _server.Server.Given(Request.Create().WithPath("/n/ns/b/bkt/o/report.csv").UsingGet())
            .RespondWith(Response.Create()
                .WithHeader("Content-Type", "text/csv")
                .WithHeader("ETag", "f8ffb6e9-f602-460f-a6c0-00b5abfa24c7")
                .WithHeader("Content-MD5", "XUFAKrxLKna5cZ2REBfFkg==")
                .WithHeader("Last-Modified", LastModified)
                .WithHeader("opc-meta-author", "ada")
                .WithHeader("opc-request-id", "phx-1:abc")
                .WithHeader("version-id", "v1")
                .WithBody("a,b\n1,2\n"));

        await using var response = await _client.GetObjectAsync("ns", "bkt", "report.csv", cancellationToken: Ct);
        using var reader = new StreamReader(response.Content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("a,b\n1,2\n", await reader.ReadToEndAsync(Ct));
        Assert.Equal("text/csv", response.ContentType);
        Assert.Equal("f8ffb6e9-f602-460f-a6c0-00b5abfa24c7", response.ETag);
        Assert.Equal("XUFAKrxLKna5cZ2REBfFkg==", response.ContentMd5);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 10, 15, 1, TimeSpan.Zero), response.LastModified);
        Assert.Equal("ada", response.Metadata["author"]);
        Assert.Equal("phx-1:abc", response.OpcRequestId);
        Assert.Equal("v1", response.Headers.VersionId);
        Assert.Equal("GET", _server.SingleRequest.Method);
    }

    [Fact]
    public async Task GetObjectWithRangeAnswers206WithContentRange()
    {
        _server.Server.Given(Request.Create().WithPath("/n/ns/b/bkt/o/digits").UsingGet().WithHeader("Range", "bytes=2-5"))
            .RespondWith(Response.Create().WithStatusCode(206).WithHeader("Content-Range", "bytes 2-5/10").WithBody("2345"));

        await using var response = await _client.GetObjectAsync("ns", "bkt", "digits", new GetObjectOptions(Range: new RangeHeaderValue(2, 5)), Ct);
        using var reader = new StreamReader(response.Content);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("2345", await reader.ReadToEndAsync(Ct));
        Assert.Equal(2, response.ContentRange!.From);
        Assert.Equal(5, response.ContentRange.To);
        Assert.Equal(10, response.ContentRange.Length);
    }

    [Fact]
    public async Task GetObjectSendsConditionsAndVersion()
    {
        _server.Server.Given(Request.Create().WithPath("/n/ns/b/bkt/o/x").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(304).WithHeader("ETag", "e1"));

        await using var response = await _client.GetObjectAsync("ns", "bkt", "x", new GetObjectOptions(IfMatch: "e0", IfNoneMatch: "e1", VersionId: "v7"), Ct);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(-1, response.Content.ReadByte());
        var request = _server.SingleRequest;
        Assert.Equal("e0", request.Header("if-match"));
        Assert.Equal("e1", request.Header("if-none-match"));
        Assert.Equal("v7", request.Query!["versionId"].Single());
    }

    [Fact]
    public async Task GetObjectPreconditionFailureIsAnOciException()
    {
        _server.Server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(412).WithHeader("opc-request-id", "req-412")
                .WithBody("""{"code":"NoEtagMatch","message":"The If-Match header did not match the current ETag"}"""));

        var error = await Assert.ThrowsAsync<OciException>(() => _client.GetObjectAsync("ns", "bkt", "x", new GetObjectOptions(IfMatch: "old"), Ct));

        Assert.Equal(HttpStatusCode.PreconditionFailed, error.StatusCode);
        Assert.Equal("NoEtagMatch", error.Code);
        Assert.Equal("req-412", error.OpcRequestId);
    }

    [Fact]
    public async Task HeadObjectReadsHeaders()
    {
        _server.Server.Given(Request.Create().WithPath("/n/ns/b/bkt/o/x").UsingHead())
            .RespondWith(Response.Create()
                .WithHeader("Content-Length", "1234")
                .WithHeader("Content-Type", "image/png")
                .WithHeader("ETag", "etag-1")
                .WithHeader("opc-meta-k", "v")
                .WithHeader("storage-tier", "Standard")
                .WithHeader("opc-request-id", "head-1"));

        var headers = await _client.HeadObjectAsync("ns", "bkt", "x", cancellationToken: Ct);

        Assert.Equal(1234, headers.ContentLength);
        Assert.Equal("image/png", headers.ContentType);
        Assert.Equal("etag-1", headers.ETag);
        Assert.Equal("v", headers.Metadata["k"]);
        Assert.Equal("Standard", headers.StorageTier);
        Assert.Equal("head-1", headers.OpcRequestId);
        Assert.Equal("HEAD", _server.SingleRequest.Method);
    }

    [Fact]
    public async Task HeadObjectOfMissingObjectThrowsNotFoundEvenWithoutBody()
    {
        _server.Server.Given(Request.Create().UsingHead())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("opc-request-id", "head-404"));

        var error = await Assert.ThrowsAsync<OciException>(() => _client.HeadObjectAsync("ns", "bkt", "gone", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("NotFound", error.Code);
        Assert.Equal("head-404", error.OpcRequestId);
        Assert.Contains("no error body", error.OciMessage, StringComparison.Ordinal);
        Assert.Null(await _client.TryHeadObjectAsync("ns", "bkt", "gone", cancellationToken: Ct));
    }

    [Fact]
    public async Task TryHeadObjectStillThrowsOtherErrors()
    {
        _server.Server.Given(Request.Create().UsingHead()).RespondWith(Response.Create().WithStatusCode(401));

        var error = await Assert.ThrowsAsync<OciException>(() => _client.TryHeadObjectAsync("ns", "bkt", "x", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task PutObjectSendsBodyHeadersAndMetadata()
    {
        _server.Server.Given(Request.Create().WithPath("/n/ns/b/bkt/o/data.json").UsingPut())
            .RespondWith(Response.Create()
                .WithHeader("ETag", "new-etag")
                .WithHeader("opc-content-md5", "md5==")
                .WithHeader("Last-Modified", LastModified)
                .WithHeader("version-id", "v2")
                .WithHeader("opc-request-id", "put-1"));
        var payload = Encoding.UTF8.GetBytes("{\"hello\":\"world\"}");
        using var body = new MemoryStream(payload);

        var result = await _client.PutObjectAsync("ns", "bkt", "data.json", body, new PutObjectOptions(
            ContentType: "application/json",
            ContentMd5: "Zm9vYmFy",
            IfNoneMatch: "*",
            Metadata: new Dictionary<string, string> { ["author"] = "ada", ["run"] = "42" }), Ct);

        Assert.Equal(new PutObjectResponse("new-etag", "md5==", new DateTimeOffset(2024, 5, 2, 10, 15, 1, TimeSpan.Zero), "v2", "put-1"), result);
        var request = _server.SingleRequest;
        Assert.Equal("PUT", request.Method);
        Assert.Equal(payload, request.BodyAsBytes);
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal(payload.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Header("Content-Length"));
        Assert.Equal("Zm9vYmFy", request.Header("Content-MD5"));
        Assert.Equal("*", request.Header("if-none-match"));
        Assert.Equal("ada", request.Header("opc-meta-author"));
        Assert.Equal("42", request.Header("opc-meta-run"));
        Assert.True(body.CanRead, "the caller's stream must stay open");
    }

    [Fact]
    public async Task PutObjectDefaultsToOctetStreamAndSendsFromTheCurrentPosition()
    {
        _server.Server.Given(Request.Create().UsingPut()).RespondWith(Response.Create().WithHeader("ETag", "e"));
        using var body = new MemoryStream("skip-keep"u8.ToArray());
        body.Position = 5;

        await _client.PutObjectAsync("ns", "bkt", "x", body, cancellationToken: Ct);

        var request = _server.SingleRequest;
        Assert.Equal("keep"u8.ToArray(), request.BodyAsBytes);
        Assert.Equal("application/octet-stream", request.Header("Content-Type"));
    }

    [Fact]
    public async Task PutObjectStreamsANonSeekableBodyChunkedOrWithTheGivenLength()
    {
        _server.Server.Given(Request.Create().UsingPut()).RespondWith(Response.Create().WithHeader("ETag", "e"));
        var payload = new byte[200_000];
        Random.Shared.NextBytes(payload);

        await _client.PutObjectAsync("ns", "bkt", "chunked", new NonSeekableStream(payload), cancellationToken: Ct);
        await _client.PutObjectAsync("ns", "bkt", "sized", new NonSeekableStream(payload), new PutObjectOptions(ContentLength: payload.Length), Ct);

        var requests = _server.Requests;
        Assert.Equal(payload, requests[0].BodyAsBytes);
        Assert.Equal("chunked", requests[0].Header("Transfer-Encoding"));
        Assert.Equal(payload, requests[1].BodyAsBytes);
        Assert.Equal("200000", requests[1].Header("Content-Length"));
    }

    [Fact]
    public async Task PutObjectWithShortBodyFailsInsteadOfSendingTruncatedData()
    {
        _server.Server.Given(Request.Create().UsingPut()).RespondWith(Response.Create().WithHeader("ETag", "e"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            _client.PutObjectAsync("ns", "bkt", "x", new NonSeekableStream(new byte[10]), new PutObjectOptions(ContentLength: 20), Ct));

        Assert.Contains("ended after 10 bytes but its Content-Length is 20", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteObjectSendsIfMatchAndReadsHeaders()
    {
        _server.Server.Given(Request.Create().WithPath("/n/ns/b/bkt/o/x").UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(204).WithHeader("opc-request-id", "del-1")
                .WithHeader("is-delete-marker", "true").WithHeader("version-id", "v9"));

        var result = await _client.DeleteObjectAsync("ns", "bkt", "x", new DeleteObjectOptions(IfMatch: "etag-1"), Ct);

        Assert.Equal("del-1", result.OpcRequestId);
        Assert.True(result.IsDeleteMarker);
        Assert.Equal("v9", result.VersionId);
        Assert.Equal("etag-1", _server.SingleRequest.Header("if-match"));
    }

    [Fact]
    public async Task CreateBucketPostsCamelCaseJsonWithoutNulls()
    {
        _server.Server.Given(Request.Create().WithPath("/n/ns/b/").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""
                {"namespace":"ns","name":"uploads","compartmentId":"ocid1.compartment.oc1..c","etag":"b-etag",
                 "timeCreated":"2024-05-02T10:15:01.123Z","objectEventsEnabled":true,"createdBy":"ocid1.user.oc1..u",
                 "publicAccessType":"NoPublicAccess","storageTier":"Standard","versioning":"Disabled","id":"ocid1.bucket.oc1..b"}
                """));

        var bucket = await _client.CreateBucketAsync("ns", new CreateBucketDetails("uploads", "ocid1.compartment.oc1..c", ObjectEventsEnabled: true), Ct);

        Assert.Equal("uploads", bucket.Name);
        Assert.True(bucket.ObjectEventsEnabled);
        Assert.Equal("ocid1.bucket.oc1..b", bucket.Id);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 10, 15, 1, 123, TimeSpan.Zero), bucket.TimeCreated);
        var request = _server.SingleRequest;
        Assert.Equal("application/json", request.Header("Content-Type"));
        using var sent = JsonDocument.Parse(request.Body!);
        Assert.Equal(
            ["compartmentId", "name", "objectEventsEnabled"],
            sent.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.True(sent.RootElement.GetProperty("objectEventsEnabled").GetBoolean());
    }

    [Fact]
    public async Task GetBucketParsesTheBucket()
    {
        _server.Server.Given(Request.Create().WithPath("/n/ns/b/uploads").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""
                {"namespace":"ns","name":"uploads","compartmentId":"c","etag":"e","timeCreated":"2024-05-02T10:15:01Z",
                 "objectEventsEnabled":false,"versioning":"Enabled","unknownFutureField":{"x":1}}
                """));

        var bucket = await _client.GetBucketAsync("ns", "uploads", Ct);

        Assert.Equal("Enabled", bucket.Versioning);
        Assert.False(bucket.ObjectEventsEnabled);
    }

    [Fact]
    public async Task AnUnparsableSuccessBodyNamesTheOperation()
    {
        _server.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithBody("<html>captive portal</html>"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => _client.GetBucketAsync("ns", "uploads", Ct));

        Assert.StartsWith("GET /n/ns/b/uploads: the response body is not a valid Bucket", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientWithoutBaseAddressSaysWhatToSet()
    {
        using var http = new HttpClient();
        var client = new ObjectStorageClient(http);

        var error = Assert.Throws<InvalidOperationException>(() => client.GetNamespaceAsync(cancellationToken: Ct).GetAwaiter().GetResult());

        Assert.Contains("BaseAddress", error.Message, StringComparison.Ordinal);
    }

    private static string Flatten(Exception exception)
    {
        var text = new StringBuilder();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            text.Append(current.Message).Append(" | ");
        }

        return text.ToString();
    }
}
