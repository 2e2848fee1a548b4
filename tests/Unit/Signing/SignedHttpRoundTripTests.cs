using System.Net;
using System.Net.Http.Json;
using System.Text;
using DevHarness.Oci;
using DevHarness.Oci.Auth;
using DevHarness.Oci.Signing;
using DevHarness.Unit.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DevHarness.Unit.Signing;

/// <summary>
/// Signs with the handler, sends over a real socket, verifies on a real Kestrel server from the raw
/// request: proves that what is signed is exactly what goes on the wire (host, escapes, lengths).
/// </summary>
public sealed class SignedHttpRoundTripTests
{
    private const string Tenancy = "ocid1.tenancy.oc1..roundtrip";
    private const string User = "ocid1.user.oc1..roundtrip";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/n/devharness/b/uploads/o/folder%2Ffile%20name%2B1%25.txt?fields=name%2Csize&prefix=a%3A%20b")]
    [InlineData("GET", "/n/devharness/b/uploads/o/caf%C3%A9%3F%23.json")]
    [InlineData("HEAD", "/n/devharness/b/uploads/o/a")]
    [InlineData("DELETE", "/n/devharness/b/uploads/o/a")]
    [InlineData("POST", "/20180418/streams/ocid1.stream.oc1.local.relay/cursors")]
    [InlineData("PUT", "/n/devharness/b/uploads/o/a")]
    public async Task RequestsSignedByTheHandlerVerifyOnAKestrelServer(string method, string pathAndQuery)
    {
        await using var server = await VerifyingServer.StartAsync();
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), server.Url + pathAndQuery.TrimStart('/'));
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{\"partition\":\"0\",\"type\":\"TRIM_HORIZON\"}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pathAndQuery, server.LastRawTarget);
    }

    [Fact]
    public async Task AnExcludeBodyUploadOfAOneShotStreamVerifiesAndArrivesWhole()
    {
        await using var server = await VerifyingServer.StartAsync();
        using var client = server.CreateClient();
        var payload = new byte[300_000];
        Random.Shared.NextBytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Put, server.Url + "n/devharness/b/uploads/o/big.bin")
        {
            Content = new StreamContent(new NonSeekableStream(payload)),
        };
        request.Options.Set(RequestSigningHandler.Strategy, SigningStrategy.ExcludeBody);

        using var response = await client.SendAsync(request, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(payload.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync(Ct));
        Assert.Null(server.LastCapturedBody);
    }

    [Fact]
    public async Task ASignedBodyIsCapturedForTheDigestAndStillReadableByTheEndpoint()
    {
        await using var server = await VerifyingServer.StartAsync();
        using var client = server.CreateClient();
        const string Json = "{\"messages\":[{\"key\":null,\"value\":\"aGk=\"}]}";

        using var response = await client.PostAsync(
            server.Url + "20180418/streams/s/messages", new StringContent(Json, Encoding.UTF8, "application/json"), Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Json, Encoding.UTF8.GetString(server.LastCapturedBody!));
        Assert.Equal(Json.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task AnEmptyPostVerifies()
    {
        await using var server = await VerifyingServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.PostAsync(server.Url + "20180418/streams/s/commit?cursor=abc", content: null, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ARequestAlteredAfterSigningIsRefusedWithTheReason()
    {
        await using var server = await VerifyingServer.StartAsync();
        using var keys = ApiKeyProvider.FromPem(Tenancy, User, TestKeys.Fingerprint, TestKeys.Pkcs8Pem);
        var tamper = new PathTamperingHandler { InnerHandler = new SocketsHttpHandler() };
        using var client = new HttpClient(new RequestSigningHandler(keys) { InnerHandler = tamper });

        using var response = await client.GetAsync(server.Url + "n/devharness/b/uploads/o/a", Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var error = await response.Content.ReadFromJsonAsync(OciJsonContext.Default.OciErrorBody, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("NotAuthenticated", error!.Code);
        Assert.Contains("signature does not verify", error.Message, StringComparison.Ordinal);
    }

    private sealed class VerifyingServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ApiKeyProvider _keys;

        private VerifyingServer(WebApplication app, ApiKeyProvider keys, Uri url)
        {
            _app = app;
            _keys = keys;
            Url = url;
        }

        public Uri Url { get; }

        public string? LastRawTarget { get; private set; }

        public byte[]? LastCapturedBody { get; private set; }

        public static async Task<VerifyingServer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var verifier = new SignatureVerifier([TrustedKey.FromPem(TestKeys.PublicPem, $"{Tenancy}/{User}/{TestKeys.Fingerprint}")]);
            VerifyingServer? server = null;
            app.Run(async context =>
            {
                var received = await SignedRequest.FromHttpRequestAsync(context.Request, context.RequestAborted);
                server!.LastRawTarget = received.PathAndQuery;
                server.LastCapturedBody = received.Body;
                var result = verifier.Verify(received);
                if (!result.IsValid)
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    await context.Response.WriteAsJsonAsync(result.ToErrorBody(), OciJsonContext.Default.OciErrorBody, cancellationToken: context.RequestAborted);
                    return;
                }

                // The body was rewound after capture: the endpoint reads it whole.
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                await context.Response.WriteAsync(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), context.RequestAborted);
            });
            await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            var address = app.Urls.Single();
            server = new VerifyingServer(app, ApiKeyProvider.FromPem(Tenancy, User, TestKeys.Fingerprint, TestKeys.Pkcs8Pem), new Uri(address + "/"));
            return server;
        }

        public HttpClient CreateClient() => new(new RequestSigningHandler(_keys) { InnerHandler = new SocketsHttpHandler() });

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            await _app.DisposeAsync();
            _keys.Dispose();
        }
    }

    private sealed class PathTamperingHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(request.RequestUri!, "/n/devharness/b/uploads/o/b");
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
