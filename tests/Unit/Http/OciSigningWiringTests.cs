using System.Net;
using System.Security.Cryptography;
using DevHarness.Oci;
using DevHarness.Oci.Auth;
using DevHarness.Oci.ObjectStorage;
using DevHarness.Oci.Signing;
using DevHarness.Oci.Streaming;
using DevHarness.Unit.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace DevHarness.Unit.Http;

/// <summary>
/// The DI registration signs with the configured key, inside the retry handler (each attempt signed
/// afresh), with the exclude-body strategy on PutObject and PutMessages (docs/oci-facts.md §5).
/// </summary>
public sealed class OciSigningWiringTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutObjectIsSignedWithoutBodyHeadersAndEachRetryVerifies()
    {
        var wire = new CapturingHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        using var services = Services(wire);
        using var body = new MemoryStream("hello"u8.ToArray());

        await services.GetRequiredService<ObjectStorageClient>().PutObjectAsync("ns", "bkt", "dir/a b.txt", body, cancellationToken: Ct);

        Assert.Equal(2, wire.Requests.Count);
        Assert.All(wire.Requests, request =>
        {
            Assert.Equal("/n/ns/b/bkt/o/dir%2Fa%20b.txt", request.PathAndQuery);
            Assert.Contains("headers=\"date (request-target) host\"", request.Headers["Authorization"], StringComparison.Ordinal);
            Assert.Equal("hello"u8.ToArray(), request.Body);
            AssertVerifies(request);
        });
    }

    [Fact]
    public async Task PutMessagesIsSignedWithoutBodyHeaders()
    {
        var wire = new CapturingHandler(HttpStatusCode.OK) { Body = """{"failures":0,"entries":[{"partition":"0","offset":1}]}""" };
        using var services = Services(wire);

        await services.GetRequiredService<StreamClient>().PutMessagesAsync("ocid1.stream.oc1..s", new PutMessagesDetails([new PutMessagesDetailsEntry(null, [1])]), Ct);

        var request = Assert.Single(wire.Requests);
        Assert.Contains("headers=\"date (request-target) host\"", request.Headers["Authorization"], StringComparison.Ordinal);
        AssertVerifies(request);
    }

    [Fact]
    public async Task CreateCursorIsSignedWithTheBodyHeaders()
    {
        var wire = new CapturingHandler(HttpStatusCode.OK) { Body = """{"value":"c"}""" };
        using var services = Services(wire);

        await services.GetRequiredService<StreamClient>().CreateCursorAsync("ocid1.stream.oc1..s", new CreateCursorDetails("0", CursorType.Latest), Ct);

        var request = Assert.Single(wire.Requests);
        Assert.Contains("headers=\"date (request-target) host content-length content-type x-content-sha256\"", request.Headers["Authorization"], StringComparison.Ordinal);
        AssertVerifies(request);
    }

    private static void AssertVerifies(SignedRequest request)
    {
        var verifier = new SignatureVerifier([TrustedKey.FromPem(TestKeys.PublicPem)]);
        var verdict = verifier.Verify(request);
        Assert.True(verdict.IsValid, verdict.Failure);
    }

    private static ServiceProvider Services(CapturingHandler wire)
    {
        using var key = RSA.Create();
        key.ImportFromPem(TestKeys.Pkcs8Pem);
        var keys = new ApiKeyProvider("ocid1.tenancy.oc1..t", "ocid1.user.oc1..u", TestKeys.Fingerprint, RSA.Create(key.ExportParameters(true)));
        var retry = new OciRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(20) };
        var services = new ServiceCollection();
        services.AddOciObjectStorageClient(o =>
        {
            o.Endpoint = new Uri("https://objectstorage.us-phoenix-1.oraclecloud.com");
            o.KeyProvider = keys;
            o.Retry = retry;
        }).ConfigurePrimaryHttpMessageHandler(() => wire);
        services.AddOciStreamClient(o =>
        {
            o.Endpoint = new Uri("https://cell-1.streaming.us-phoenix-1.oci.oraclecloud.com");
            o.KeyProvider = keys;
            o.Retry = retry;
        }).ConfigurePrimaryHttpMessageHandler(() => wire);
        return services.BuildServiceProvider();
    }

    /// <summary>Stands in for the network: records each request as sent and answers the given statuses in turn.</summary>
    private sealed class CapturingHandler(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        private int _next;

        public List<SignedRequest> Requests { get; } = [];

        public string Body { get; init; } = "{}";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(await SignedRequest.FromHttpRequestMessageAsync(request, cancellationToken));
            var status = statuses[Math.Min(_next++, statuses.Length - 1)];
            return new HttpResponseMessage(status)
            {
                RequestMessage = request,
                Content = new StringContent(Body, System.Text.Encoding.UTF8, "application/json"),
            };
        }
    }
}
