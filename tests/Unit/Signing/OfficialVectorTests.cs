using System.Net.Http.Headers;
using DevHarness.Oci.Signing;
using Microsoft.Extensions.Time.Testing;

namespace DevHarness.Unit.Signing;

public sealed class OfficialVectorTests
{
    [Fact]
    public async Task GetVectorReproducesTheOfficialAuthorizationHeaderExactly()
    {
        using var keys = OfficialVectors.KeyProvider();
        using var request = new HttpRequestMessage(HttpMethod.Get, OfficialVectors.GetUrl);
        request.Headers.TryAddWithoutValidation("date", OfficialVectors.Date);

        await new RequestSigner(keys).SignAsync(request, SigningStrategy.Standard, TestContext.Current.CancellationToken);

        Assert.Equal(OfficialVectors.GetAuthorization, string.Join(",", request.Headers.GetValues("Authorization")));
        Assert.Equal("iaas.us-phoenix-1.oraclecloud.com", request.Headers.Host);
    }

    [Fact]
    public async Task PostVectorReproducesTheOfficialAuthorizationHeaderExactly()
    {
        using var keys = OfficialVectors.KeyProvider();
        using var request = new HttpRequestMessage(HttpMethod.Post, OfficialVectors.PostUrl)
        {
            Content = new ByteArrayContent(OfficialVectors.PostBodyBytes),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("date", OfficialVectors.Date);

        await new RequestSigner(keys).SignAsync(request, SigningStrategy.Standard, TestContext.Current.CancellationToken);

        Assert.Equal(OfficialVectors.PostAuthorization, string.Join(",", request.Headers.GetValues("Authorization")));
        Assert.Equal(OfficialVectors.PostBodySha256, Assert.Single(request.Headers.GetValues("x-content-sha256")));
        Assert.Equal(316, request.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task SigningTheVectorsThroughTheHandlerGivesTheSameHeaders()
    {
        using var keys = OfficialVectors.KeyProvider();
        var capture = new CapturingHandler();
        using var client = new HttpClient(new RequestSigningHandler(keys) { InnerHandler = capture });
        using var request = new HttpRequestMessage(HttpMethod.Get, OfficialVectors.GetUrl);
        request.Headers.TryAddWithoutValidation("date", OfficialVectors.Date);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(OfficialVectors.GetAuthorization, capture.Authorization);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public void OfficialSignaturesVerifyAgainstTheOfficialPublicKey(string method)
    {
        var clock = new FakeTimeProvider(OfficialVectors.DateValue);
        var verifier = new SignatureVerifier([TrustedKey.FromPemFile(OfficialVectors.PublicKeyPath, OfficialVectors.KeyId)], clock);
        var isGet = method == "GET";
        var url = new Uri(isGet ? OfficialVectors.GetUrl : OfficialVectors.PostUrl);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Date"] = OfficialVectors.Date,
            ["Host"] = url.Host,
            ["Authorization"] = isGet ? OfficialVectors.GetAuthorization : OfficialVectors.PostAuthorization,
        };
        if (!isGet)
        {
            headers["Content-Type"] = "application/json";
            headers["Content-Length"] = "316";
            headers["x-content-sha256"] = OfficialVectors.PostBodySha256;
        }

        var result = verifier.Verify(new SignedRequest(method, url.PathAndQuery, headers, isGet ? null : OfficialVectors.PostBodyBytes));

        Assert.True(result.IsValid, result.Failure);
        Assert.Equal(OfficialVectors.KeyId, result.KeyId);
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public string? Authorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = string.Join(",", request.Headers.GetValues("Authorization"));
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
