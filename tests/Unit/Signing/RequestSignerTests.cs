using System.Security.Cryptography;
using System.Text;
using DevHarness.Oci.Signing;
using Microsoft.Extensions.Time.Testing;

namespace DevHarness.Unit.Signing;

public sealed class RequestSignerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 4, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExcludeBodySignsOnlyDateRequestTargetAndHostOnPut()
    {
        using var keys = OfficialVectors.KeyProvider();
        using var request = new HttpRequestMessage(HttpMethod.Put, "https://objectstorage.us-phoenix-1.oraclecloud.com/n/ns/b/bkt/o/big.bin")
        {
            Content = new ByteArrayContent(new byte[4096]),
        };
        request.Headers.TryAddWithoutValidation("date", OfficialVectors.Date);

        await new RequestSigner(keys).SignAsync(request, SigningStrategy.ExcludeBody, Ct);

        Assert.Contains("headers=\"date (request-target) host\"", Authorization(request), StringComparison.Ordinal);
        Assert.False(request.Headers.Contains("x-content-sha256"));
        AssertSignatureCovers(request, $"date: {OfficialVectors.Date}\n(request-target): put /n/ns/b/bkt/o/big.bin\nhost: objectstorage.us-phoenix-1.oraclecloud.com");
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task AnEmptyBodyIsSignedWithLengthZeroAndTheEmptyDigest(string method)
    {
        using var keys = OfficialVectors.KeyProvider();
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://streaming.us-phoenix-1.oci.oraclecloud.com/20180418/streams/s/heartbeat");
        request.Headers.TryAddWithoutValidation("date", OfficialVectors.Date);

        await new RequestSigner(keys).SignAsync(request, SigningStrategy.Standard, Ct);

        Assert.Equal("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", Assert.Single(request.Headers.GetValues("x-content-sha256")));
        Assert.Equal(0, request.Content!.Headers.ContentLength);
        Assert.Equal("application/json", request.Content.Headers.ContentType!.MediaType);
        Assert.Contains("headers=\"date (request-target) host content-length content-type x-content-sha256\"", Authorization(request), StringComparison.Ordinal);
        AssertSignatureCovers(
            request,
            $"date: {OfficialVectors.Date}\n(request-target): {method.ToLowerInvariant()} /20180418/streams/s/heartbeat\n"
            + "host: streaming.us-phoenix-1.oci.oraclecloud.com\ncontent-length: 0\ncontent-type: application/json\n"
            + "x-content-sha256: 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    [Fact]
    public async Task EscapedPathAndQueryAreSignedExactlyAsSent()
    {
        using var keys = OfficialVectors.KeyProvider();
        const string Target = "/n/ns/b/bkt/o/folder%2Ffile%20name%2B1.txt?prefix=a%3A%20b&fields=name%2Csize";
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:10100" + Target);
        request.Headers.TryAddWithoutValidation("date", OfficialVectors.Date);

        await new RequestSigner(keys).SignAsync(request, SigningStrategy.Standard, Ct);

        Assert.Equal("127.0.0.1:10100", request.Headers.Host);
        AssertSignatureCovers(request, $"date: {OfficialVectors.Date}\n(request-target): get {Target}\nhost: 127.0.0.1:10100");
    }

    [Fact]
    public async Task DateComesFromTheClockWhenTheCallerSetNone()
    {
        using var keys = OfficialVectors.KeyProvider();
        var clock = new FakeTimeProvider(Start);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://objectstorage.us-phoenix-1.oraclecloud.com/n/");

        await new RequestSigner(keys, clock).SignAsync(request, SigningStrategy.Standard, Ct);

        Assert.Equal("Fri, 27 Nov 2026 04:00:00 GMT", Assert.Single(request.Headers.GetValues("date")));
    }

    [Fact]
    public async Task ACallerDateIsKeptWhenSigningAgain()
    {
        using var keys = OfficialVectors.KeyProvider();
        var clock = new FakeTimeProvider(Start);
        using var request = new HttpRequestMessage(HttpMethod.Get, OfficialVectors.GetUrl);
        request.Headers.TryAddWithoutValidation("date", OfficialVectors.Date);
        var signer = new RequestSigner(keys, clock);

        await signer.SignAsync(request, SigningStrategy.Standard, Ct);
        clock.Advance(TimeSpan.FromMinutes(10));
        await signer.SignAsync(request, SigningStrategy.Standard, Ct);

        Assert.Equal(OfficialVectors.Date, Assert.Single(request.Headers.GetValues("date")));
        Assert.Equal(OfficialVectors.GetAuthorization, Authorization(request));
    }

    [Fact]
    public async Task SigningARetriedRequestRestampsItsOwnDateAndReplacesTheSignature()
    {
        using var keys = OfficialVectors.KeyProvider();
        var clock = new FakeTimeProvider(Start);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://streaming.us-phoenix-1.oci.oraclecloud.com/20180418/streams/s/messages")
        {
            Content = new StringContent("{\"messages\":[]}", Encoding.UTF8, "application/json"),
        };
        var signer = new RequestSigner(keys, clock);

        await signer.SignAsync(request, SigningStrategy.Standard, Ct);
        var first = Authorization(request);
        clock.Advance(TimeSpan.FromMinutes(7));
        await signer.SignAsync(request, SigningStrategy.Standard, Ct);

        Assert.Equal("Fri, 27 Nov 2026 04:07:00 GMT", Assert.Single(request.Headers.GetValues("date")));
        Assert.Single(request.Headers.GetValues("Authorization"));
        Assert.Single(request.Headers.GetValues("x-content-sha256"));
        Assert.NotEqual(first, Authorization(request));
    }

    [Fact]
    public async Task AHostTheSignerSetFollowsTheUriWhileACallersHostIsKept()
    {
        using var keys = OfficialVectors.KeyProvider();
        var signer = new RequestSigner(keys);
        using var derived = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:10100/n/");
        using var explicitHost = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:10100/n/");
        explicitHost.Headers.Host = "objectstorage.us-phoenix-1.oraclecloud.com";

        await signer.SignAsync(derived, SigningStrategy.Standard, Ct);
        derived.RequestUri = new Uri("http://127.0.0.1:20100/n/");
        await signer.SignAsync(derived, SigningStrategy.Standard, Ct);
        await signer.SignAsync(explicitHost, SigningStrategy.Standard, Ct);

        Assert.Equal("127.0.0.1:20100", derived.Headers.Host);
        Assert.Equal("objectstorage.us-phoenix-1.oraclecloud.com", explicitHost.Headers.Host);
    }

    [Fact]
    public async Task XDateIsSignedInPlaceOfDateWhenOnlyXDateIsSet()
    {
        using var keys = OfficialVectors.KeyProvider();
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://objectstorage.us-phoenix-1.oraclecloud.com/n/");
        request.Headers.TryAddWithoutValidation("x-date", OfficialVectors.Date);

        await new RequestSigner(keys).SignAsync(request, SigningStrategy.Standard, Ct);

        Assert.False(request.Headers.Contains("date"));
        Assert.Contains("headers=\"x-date (request-target) host\"", Authorization(request), StringComparison.Ordinal);
        AssertSignatureCovers(request, $"x-date: {OfficialVectors.Date}\n(request-target): get /n/\nhost: objectstorage.us-phoenix-1.oraclecloud.com");
    }

    [Fact]
    public async Task OptionalOboTokenIsSignedWhenPresent()
    {
        using var keys = OfficialVectors.KeyProvider();
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://objectstorage.us-phoenix-1.oraclecloud.com/n/");
        request.Headers.TryAddWithoutValidation("date", OfficialVectors.Date);
        request.Headers.TryAddWithoutValidation("opc-obo-token", "delegated");

        await new RequestSigner(keys).SignAsync(request, SigningStrategy.Standard, Ct);

        Assert.Contains("headers=\"date (request-target) host opc-obo-token\"", Authorization(request), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AOneShotStreamBodyIsStillSendableAfterStandardSigning()
    {
        using var keys = OfficialVectors.KeyProvider();
        var body = Encoding.UTF8.GetBytes("{\"name\":\"uploads\"}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://objectstorage.us-phoenix-1.oraclecloud.com/n/ns/b/")
        {
            Content = new StreamContent(new OneShotStream(body)),
        };

        await new RequestSigner(keys).SignAsync(request, SigningStrategy.Standard, Ct);

        Assert.Equal(body, await request.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(body)), Assert.Single(request.Headers.GetValues("x-content-sha256")));
    }

    [Fact]
    public async Task ARelativeUriCannotBeSigned()
    {
        using var keys = OfficialVectors.KeyProvider();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/n/", UriKind.Relative));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new RequestSigner(keys).SignAsync(request, SigningStrategy.Standard, Ct));
        Assert.Contains("absolute RequestUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHandlerTakesTheStrategyFromTheRequestOptions()
    {
        using var keys = OfficialVectors.KeyProvider();
        var inner = new RecordingHandler();
        using var client = new HttpClient(new RequestSigningHandler(keys) { InnerHandler = inner });
        using var excluded = new HttpRequestMessage(HttpMethod.Put, "https://objectstorage.us-phoenix-1.oraclecloud.com/n/ns/b/bkt/o/a")
        {
            Content = new ByteArrayContent([1, 2, 3]),
        };
        excluded.Options.Set(RequestSigningHandler.Strategy, SigningStrategy.ExcludeBody);
        using var standard = new HttpRequestMessage(HttpMethod.Put, "https://objectstorage.us-phoenix-1.oraclecloud.com/n/ns/b/bkt/o/a")
        {
            Content = new ByteArrayContent([1, 2, 3]),
        };

        (await client.SendAsync(excluded, Ct)).Dispose();
        (await client.SendAsync(standard, Ct)).Dispose();

        Assert.Contains("headers=\"date (request-target) host\"", inner.Authorizations[0], StringComparison.Ordinal);
        Assert.Contains("headers=\"date (request-target) host content-length content-type x-content-sha256\"", inner.Authorizations[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSynchronousSendPathSignsToo()
    {
        using var keys = OfficialVectors.KeyProvider();
        var inner = new RecordingHandler();
        using var client = new HttpClient(new RequestSigningHandler(keys) { InnerHandler = inner });
        using var request = new HttpRequestMessage(HttpMethod.Get, OfficialVectors.GetUrl);
        request.Headers.TryAddWithoutValidation("date", OfficialVectors.Date);

        client.Send(request, Ct).Dispose();

        Assert.Equal(OfficialVectors.GetAuthorization, Assert.Single(inner.Authorizations));
    }

    private static string Authorization(HttpRequestMessage request) => Assert.Single(request.Headers.GetValues("Authorization"));

    /// <summary>Checks the signature against the signing string the test spells out, with the vectors' public key.</summary>
    private static void AssertSignatureCovers(HttpRequestMessage request, string expectedSigningString)
    {
        var authorization = Authorization(request);
        const string Marker = "signature=\"";
        var start = authorization.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        var signature = Convert.FromBase64String(authorization[start..authorization.IndexOf('"', start)]);
        using var publicKey = RSA.Create();
        publicKey.ImportFromPem(File.ReadAllText(OfficialVectors.PublicKeyPath));
        Assert.True(
            publicKey.VerifyData(Encoding.UTF8.GetBytes(expectedSigningString), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "the signature does not cover: " + expectedSigningString);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<string> Authorizations { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorizations.Add(string.Join(",", request.Headers.GetValues("Authorization")));
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        }
    }

    private sealed class OneShotStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
