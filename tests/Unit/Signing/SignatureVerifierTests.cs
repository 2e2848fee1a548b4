using System.Text;
using DevHarness.Oci.Auth;
using DevHarness.Oci.Signing;
using DevHarness.Unit.Auth;
using Microsoft.Extensions.Time.Testing;

namespace DevHarness.Unit.Signing;

public sealed class SignatureVerifierTests
{
    private const string Tenancy = "ocid1.tenancy.oc1..verifier";
    private const string User = "ocid1.user.oc1..verifier";
    private const string PostUrl = "http://127.0.0.1:10101/20180418/streams/ocid1.stream.oc1.local.relay/cursors";
    private const string PostBody = "{\"partition\":\"0\",\"type\":\"TRIM_HORIZON\"}";
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 4, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string KeyId => $"{Tenancy}/{User}/{TestKeys.Fingerprint}";

    [Theory]
    [InlineData("GET", SigningStrategy.Standard)]
    [InlineData("DELETE", SigningStrategy.Standard)]
    [InlineData("HEAD", SigningStrategy.Standard)]
    [InlineData("POST", SigningStrategy.Standard)]
    [InlineData("PUT", SigningStrategy.Standard)]
    [InlineData("PATCH", SigningStrategy.Standard)]
    [InlineData("POST", SigningStrategy.ExcludeBody)]
    [InlineData("PUT", SigningStrategy.ExcludeBody)]
    public async Task ARequestSignedByOurSignerVerifies(string method, SigningStrategy strategy)
    {
        var (request, verifier) = await SignAsync(method, strategy);

        var result = verifier.Verify(request);

        Assert.True(result.IsValid, result.Failure);
        Assert.Equal(KeyId, result.KeyId);
        Assert.Null(result.Failure);
    }

    [Theory]
    [InlineData("host", "127.0.0.1:10102")]
    [InlineData("content-type", "text/plain")]
    [InlineData("date", "Fri, 27 Nov 2026 04:00:01 GMT")]
    public async Task ChangingASignedHeaderBreaksTheSignature(string header, string value)
    {
        var (request, verifier) = await SignAsync("POST", SigningStrategy.Standard);

        var result = verifier.Verify(WithHeader(request, header, value));

        Assert.False(result.IsValid);
        Assert.Equal("signature does not verify", result.Failure);
    }

    [Fact]
    public async Task ChangingContentLengthIsCaughtAgainstTheBody()
    {
        var (request, verifier) = await SignAsync("POST", SigningStrategy.Standard);

        var result = verifier.Verify(WithHeader(request, "content-length", "41"));

        Assert.Equal($"content-length 41 does not match the body length {PostBody.Length}", result.Failure);
    }

    [Fact]
    public async Task ChangingTheDigestHeaderIsCaughtAgainstTheBody()
    {
        var (request, verifier) = await SignAsync("POST", SigningStrategy.Standard);

        var result = verifier.Verify(WithHeader(request, "x-content-sha256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="));

        Assert.Equal("x-content-sha256 does not match the body", result.Failure);
    }

    [Fact]
    public async Task ChangingTheBodyFailsTheDigest()
    {
        var (request, verifier) = await SignAsync("POST", SigningStrategy.Standard);
        var tampered = Encoding.UTF8.GetBytes(PostBody.Replace("\"0\"", "\"1\"", StringComparison.Ordinal));

        var result = verifier.Verify(request with { Body = tampered });

        Assert.Equal("x-content-sha256 does not match the body", result.Failure);
    }

    [Theory]
    [InlineData("/20180418/streams/ocid1.stream.oc1.local.other/cursors")]
    [InlineData("/20180418/streams/ocid1.stream.oc1.local.relay/cursors?x=1")]
    public async Task ChangingThePathOrQueryBreaksTheSignature(string pathAndQuery)
    {
        var (request, verifier) = await SignAsync("POST", SigningStrategy.Standard);

        var result = verifier.Verify(request with { PathAndQuery = pathAndQuery });

        Assert.Equal("signature does not verify", result.Failure);
    }

    [Fact]
    public async Task ChangingTheMethodBreaksTheSignature()
    {
        var (request, verifier) = await SignAsync("PUT", SigningStrategy.ExcludeBody);

        Assert.Equal("signature does not verify", verifier.Verify(request with { Method = "POST" }).Failure);
    }

    [Theory]
    [InlineData(6, 360)]
    [InlineData(-6, 360)]
    [InlineData(5, null)]
    public async Task TheDateMayBeAtMostFiveMinutesFromTheVerifiersClock(int minutes, int? skewSeconds)
    {
        var (request, _) = await SignAsync("GET", SigningStrategy.Standard);
        var clock = new FakeTimeProvider(Start.AddMinutes(minutes));
        var verifier = new SignatureVerifier([TrustedKey.FromPem(TestKeys.PublicPem, KeyId)], clock);

        var result = verifier.Verify(request);

        Assert.Equal(skewSeconds is null ? null : $"clock skew of {skewSeconds} seconds exceeds 300", result.Failure);
    }

    [Fact]
    public async Task ParametersInThePythonSdkOrderVerify()
    {
        var (request, verifier) = await SignAsync("POST", SigningStrategy.Standard);
        var parameters = ParseParameters(request.Headers["authorization"]);
        var python = $"Signature algorithm=\"{parameters["algorithm"]}\",headers=\"{parameters["headers"]}\",keyId=\"{parameters["keyId"]}\","
            + $"signature=\"{parameters["signature"]}\",version=\"{parameters["version"]}\"";

        var result = verifier.Verify(WithHeader(request, "Authorization", python));

        Assert.True(result.IsValid, result.Failure);
    }

    [Fact]
    public async Task AnUnknownKeyIdIsRefusedByName()
    {
        var (request, _) = await SignAsync("GET", SigningStrategy.Standard);
        var verifier = new SignatureVerifier([TrustedKey.FromPem(TestKeys.PublicPem, "ocid1.tenancy.oc1..other/ocid1.user.oc1..other/aa")], new FakeTimeProvider(Start));

        var result = verifier.Verify(request);

        Assert.Equal($"unknown keyId {KeyId[..60]}… ({KeyId.Length} characters)", result.Failure);
    }

    [Fact]
    public async Task AKeyWithoutKeyIdIsTrustedForAnyKeyIdButStillChecksTheSignature()
    {
        var (request, _) = await SignAsync("GET", SigningStrategy.Standard);
        var clock = new FakeTimeProvider(Start);

        var trusting = new SignatureVerifier([TrustedKey.FromPem(TestKeys.PublicPem)], clock).Verify(request);
        var otherKey = new SignatureVerifier([TrustedKey.FromPem(TestKeys.OtherPublicPem)], clock).Verify(request);

        Assert.True(trusting.IsValid, trusting.Failure);
        Assert.Equal("signature does not verify", otherKey.Failure);
    }

    [Fact]
    public async Task AMissingAuthorizationHeaderIsNamed()
    {
        var (request, verifier) = await SignAsync("GET", SigningStrategy.Standard);

        Assert.Equal("missing header authorization", verifier.Verify(WithoutHeader(request, "Authorization")).Failure);
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Signature")]
    public async Task AnAuthorizationOfAnotherSchemeIsNotAnOciSignature(string authorization)
    {
        var (request, verifier) = await SignAsync("GET", SigningStrategy.Standard);

        Assert.Equal("Authorization header is not an OCI Signature", verifier.Verify(WithHeader(request, "Authorization", authorization)).Failure);
    }

    [Theory]
    [InlineData("Signature version=\"1\",headers=\"date\"", "Authorization header lacks the parameters keyId, algorithm, signature")]
    [InlineData("Signature headers=\"date\",headers=\"host\"", "Authorization parameter headers appears twice")]
    [InlineData("Signature version=1", "Authorization header is malformed at character 10: expected name=\"value\"")]
    [InlineData("Signature version=\"1", "Authorization header is malformed at character 10: expected name=\"value\"")]
    public async Task AMalformedAuthorizationSaysWhatIsWrong(string authorization, string failure)
    {
        var (request, verifier) = await SignAsync("GET", SigningStrategy.Standard);

        Assert.Equal(failure, verifier.Verify(WithHeader(request, "Authorization", authorization)).Failure);
    }

    [Theory]
    [InlineData("version", "2", "signature version 2 is not supported (expected 1)")]
    [InlineData("algorithm", "hmac-sha256", "algorithm hmac-sha256 is not supported (expected rsa-sha256)")]
    [InlineData("signature", "not base64!", "signature is not valid base64")]
    [InlineData("keyId", "", "keyId is empty")]
    public async Task BadParameterValuesAreRefused(string parameter, string value, string failure)
    {
        var (request, verifier) = await SignAsync("GET", SigningStrategy.Standard);
        var parameters = ParseParameters(request.Headers["authorization"]);
        parameters[parameter] = value;

        Assert.Equal(failure, verifier.Verify(WithHeader(request, "Authorization", FormatParameters(parameters))).Failure);
    }

    [Theory]
    [InlineData("date (request-target)", "signed headers do not include host")]
    [InlineData("(request-target) host", "signed headers do not include date or x-date")]
    [InlineData("date host", "signed headers do not include (request-target)")]
    [InlineData("date (request-target) host content-length content-type", "signed headers include content-length, content-type but not x-content-sha256")]
    [InlineData("date (request-target) host x-content-sha256", "signed headers include x-content-sha256 but not content-length, content-type")]
    public async Task TheGenericHeadersAndAllOrNoneOfTheBodyHeadersMustBeSigned(string headers, string failure)
    {
        var (request, verifier) = await SignAsync("POST", SigningStrategy.Standard);
        var parameters = ParseParameters(request.Headers["authorization"]);
        parameters["headers"] = headers;

        Assert.Equal(failure, verifier.Verify(WithHeader(request, "Authorization", FormatParameters(parameters))).Failure);
    }

    [Theory]
    [InlineData("x-content-sha256")]
    [InlineData("host")]
    [InlineData("date")]
    public async Task ASignedHeaderAbsentFromTheRequestIsNamed(string header)
    {
        var (request, verifier) = await SignAsync("POST", SigningStrategy.Standard);

        Assert.Equal($"missing header {header}", verifier.Verify(WithoutHeader(request, header)).Failure);
    }

    [Fact]
    public async Task AnUnreadableDateIsNamed()
    {
        var (request, verifier) = await SignAsync("GET", SigningStrategy.Standard);

        Assert.Equal("date header 'yesterday' is not an RFC 1123 date", verifier.Verify(WithHeader(request, "date", "yesterday")).Failure);
    }

    [Fact]
    public async Task AnXDateSignedRequestVerifiesAgainstXDate()
    {
        using var keys = ApiKeyProvider.FromPem(Tenancy, User, TestKeys.Fingerprint, TestKeys.Pkcs8Pem);
        using var message = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:10100/n/");
        message.Headers.TryAddWithoutValidation("x-date", "Fri, 27 Nov 2026 04:00:00 GMT");
        await new RequestSigner(keys).SignAsync(message, SigningStrategy.Standard, Ct);
        var request = await SignedRequest.FromHttpRequestMessageAsync(message, Ct);
        var verifier = new SignatureVerifier([TrustedKey.FromPem(TestKeys.PublicPem, KeyId)], new FakeTimeProvider(Start.AddMinutes(1)));

        Assert.True(verifier.Verify(request).IsValid);
        Assert.Equal("clock skew of 600 seconds exceeds 300", verifier.Verify(WithHeader(request, "x-date", "Fri, 27 Nov 2026 03:51:00 GMT")).Failure);
    }

    [Fact]
    public async Task HeaderNamesAreMatchedWhateverTheirCase()
    {
        var (request, verifier) = await SignAsync("POST", SigningStrategy.Standard);
        var upper = request.Headers.ToDictionary(h => h.Key.ToUpperInvariant(), h => h.Value, StringComparer.Ordinal);

        Assert.True(verifier.Verify(request with { Headers = upper }).IsValid);
    }

    [Fact]
    public async Task MixedCaseNamesInTheHeadersListAreSignedLowercasedAsTheTypeScriptSdkDoes()
    {
        // Oracle's TypeScript SDK lists "Content-Type Content-Length" as written but signs the lowercased names.
        var (request, verifier) = await SignAsync("POST", SigningStrategy.Standard);
        var parameters = ParseParameters(request.Headers["authorization"]);
        parameters["headers"] = string.Join(' ', parameters["headers"].Split(' ')
            .Select(name => name is "content-type" ? "Content-Type" : name is "content-length" ? "Content-Length" : name));
        Assert.Contains("Content-Type", parameters["headers"], StringComparison.Ordinal);

        var result = verifier.Verify(WithHeader(request, "authorization", FormatParameters(parameters)));

        Assert.True(result.IsValid, result.Failure);
    }

    [Fact]
    public void ARefusalBecomesAnOciNotAuthenticatedBody()
    {
        var body = SignatureVerification.Invalid("clock skew of 412 seconds exceeds 300").ToErrorBody();

        Assert.Equal("NotAuthenticated", body.Code);
        Assert.Contains("clock skew of 412 seconds exceeds 300", body.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => SignatureVerification.Valid("k").ToErrorBody());
    }

    [Fact]
    public void TwoTrustedKeysWithOneKeyIdAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SignatureVerifier([TrustedKey.FromPem(TestKeys.PublicPem, "k"), TrustedKey.FromPem(TestKeys.OtherPublicPem, "k")]));
        Assert.Contains("share the keyId k", error.Message, StringComparison.Ordinal);
    }

    private static async Task<(SignedRequest Request, SignatureVerifier Verifier)> SignAsync(string method, SigningStrategy strategy)
    {
        using var keys = ApiKeyProvider.FromPem(Tenancy, User, TestKeys.Fingerprint, TestKeys.Pkcs8Pem);
        var clock = new FakeTimeProvider(Start);
        using var message = new HttpRequestMessage(new HttpMethod(method), PostUrl);
        if (method is "POST" or "PUT" or "PATCH")
        {
            message.Content = new StringContent(PostBody, Encoding.UTF8, "application/json");
        }

        await new RequestSigner(keys, clock).SignAsync(message, strategy, Ct);
        var request = await SignedRequest.FromHttpRequestMessageAsync(message, Ct);
        return (request, new SignatureVerifier([TrustedKey.FromPem(TestKeys.PublicPem, KeyId)], clock));
    }

    private static SignedRequest WithHeader(SignedRequest request, string name, string value) =>
        request with { Headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { [name] = value } };

    private static SignedRequest WithoutHeader(SignedRequest request, string name)
    {
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        Assert.True(headers.Remove(name));
        return request with { Headers = headers };
    }

    private static Dictionary<string, string> ParseParameters(string authorization) =>
        authorization["Signature ".Length..]
            .Split("\",", StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split("=\"", 2))
            .ToDictionary(pair => pair[0], pair => pair[1].TrimEnd('"'), StringComparer.Ordinal);

    private static string FormatParameters(Dictionary<string, string> parameters) =>
        "Signature " + string.Join(",", parameters.Select(p => $"{p.Key}=\"{p.Value}\""));
}
