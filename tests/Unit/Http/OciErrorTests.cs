using System.Net;
using DevHarness.Oci;
using DevHarness.Oci.ObjectStorage;
using DevHarness.Oci.Streaming;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace DevHarness.Unit.Http;

/// <summary>Every non-2xx becomes an <see cref="OciException"/> carrying status, code, message and opc-request-id.</summary>
public sealed class OciErrorTests : IDisposable
{
    private const string BucketNotFound =
        """{"code":"BucketNotFound","message":"Either the bucket named 'object-storage-desktop' does not exist in the namespace 'orasenatdpltoci02' or you are not authorized to access it"}""";

    private readonly OciTestServer _server = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task OciErrorBodyBecomesATypedExceptionWhoseMessageNamesAllFour()
    {
        _server.Server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json")
                .WithHeader("opc-request-id", "gru-1:crCj7gSQ_Si9pKRT3o04zCQK8BA5uxNT7KGUBi3asllY1J_Sds79rPZWSpSfuL-X")
                .WithBody(BucketNotFound));
        var client = new ObjectStorageClient(_server.Http);

        var error = await Assert.ThrowsAsync<OciException>(() => client.GetBucketAsync("orasenatdpltoci02", "object-storage-desktop", Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("BucketNotFound", error.Code);
        Assert.StartsWith("Either the bucket named 'object-storage-desktop'", error.OciMessage, StringComparison.Ordinal);
        Assert.Equal("gru-1:crCj7gSQ_Si9pKRT3o04zCQK8BA5uxNT7KGUBi3asllY1J_Sds79rPZWSpSfuL-X", error.OpcRequestId);
        Assert.Equal("GET /n/orasenatdpltoci02/b/object-storage-desktop", error.Operation);
        Assert.Equal(
            "OCI request GET /n/orasenatdpltoci02/b/object-storage-desktop failed: 404 BucketNotFound: " +
            "Either the bucket named 'object-storage-desktop' does not exist in the namespace 'orasenatdpltoci02' or you are not authorized to access it " +
            "(opc-request-id: gru-1:crCj7gSQ_Si9pKRT3o04zCQK8BA5uxNT7KGUBi3asllY1J_Sds79rPZWSpSfuL-X)",
            error.Message);
    }

    [Fact]
    public async Task StreamingErrorsAreOciExceptionsToo()
    {
        _server.Server.Given(Request.Create().UsingPost())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("opc-request-id", "s-404")
                .WithBody("""{"code":"NotAuthorizedOrNotFound","message":"Unknown stream ocid1.stream.oc1.phx.x"}"""));
        var client = new StreamClient(_server.Http);

        var error = await Assert.ThrowsAsync<OciException>(() =>
            client.PutMessagesAsync("ocid1.stream.oc1.phx.x", new PutMessagesDetails([new PutMessagesDetailsEntry(null, [1])]), Ct));

        Assert.Equal("NotAuthorizedOrNotFound", error.Code);
        Assert.Equal("Unknown stream ocid1.stream.oc1.phx.x", error.OciMessage);
        Assert.Equal("s-404", error.OpcRequestId);
    }

    [Fact]
    public async Task NonJsonErrorBodyKeepsTheTextAndDerivesTheCode()
    {
        _server.Server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(502).WithHeader("Content-Type", "text/html").WithBody("<html>Bad Gateway from proxy</html>"));
        var client = new ObjectStorageClient(_server.Http);

        var error = await Assert.ThrowsAsync<OciException>(() => client.GetNamespaceAsync(cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal("BadGateway", error.Code);
        Assert.Contains("<html>Bad Gateway from proxy</html>", error.OciMessage, StringComparison.Ordinal);
        Assert.Null(error.OpcRequestId);
        Assert.EndsWith("(opc-request-id: none)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorBodyWithOnlyACodeStillGivesAMessage()
    {
        _server.Server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(400).WithBody("""{"code":"InvalidParameter"}"""));
        var client = new ObjectStorageClient(_server.Http);

        var error = await Assert.ThrowsAsync<OciException>(() => client.GetNamespaceAsync(cancellationToken: Ct));

        Assert.Equal("InvalidParameter", error.Code);
        Assert.Equal("(no message)", error.OciMessage);
    }

    [Fact]
    public async Task UnknownStatusGetsANumericCode()
    {
        _server.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(599));
        var client = new ObjectStorageClient(_server.Http);

        var error = await Assert.ThrowsAsync<OciException>(() => client.GetNamespaceAsync(cancellationToken: Ct));

        Assert.Equal("Http599", error.Code);
    }
}
