using System.Text;
using DevHarness.Oci.Auth;
using DevHarness.Oci.Signing;
using DevHarness.Unit.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace DevHarness.Unit.Signing;

/// <summary>
/// Strict mode's order of work: the signature is verified from the headers alone, then the body is held to
/// the signed length and digest while it streams, so an unsigned upload is refused before a byte is read.
/// </summary>
public sealed class HeaderFirstVerificationTests
{
    private const string Tenancy = "ocid1.tenancy.oc1..headerfirst";
    private const string User = "ocid1.user.oc1..headerfirst";
    private const string Url = "http://127.0.0.1:10101/20180418/streams/ocid1.stream.oc1.local.relay/messages";
    private const string Body = "{\"messages\":[{\"key\":null,\"value\":\"aGVsbG8=\"}]}";
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string KeyId => $"{Tenancy}/{User}/{TestKeys.Fingerprint}";

    [Fact]
    public async Task TheHeadersOfABodySignedRequestVerifyWithoutItsBodyAndSayWhatTheBodyMustBe()
    {
        var (request, verifier) = await SignAsync(SigningStrategy.Standard);

        var result = verifier.VerifyHeaders(request with { Body = null });

        Assert.True(result.IsValid, result.Failure);
        Assert.Equal(Encoding.UTF8.GetByteCount(Body), result.Body!.Length);
        Assert.Equal(request.Headers["x-content-sha256"], result.Body.Sha256);
    }

    [Fact]
    public async Task AnExcludeBodySignatureLeavesNothingToCheckOfTheBody()
    {
        var (request, verifier) = await SignAsync(SigningStrategy.ExcludeBody);

        var result = verifier.VerifyHeaders(request with { Body = null });

        Assert.True(result.IsValid, result.Failure);
        Assert.Null(result.Body);
    }

    [Fact]
    public async Task ASignedBodyTheHeadersListInMixedCaseIsStillHeldToItsDigest()
    {
        // Oracle's TypeScript SDK writes "Content-Length" and "Content-Type" in the headers list.
        var (request, verifier) = await SignAsync(SigningStrategy.Standard);
        var authorization = request.Headers["authorization"]
            .Replace("content-length", "Content-Length", StringComparison.Ordinal)
            .Replace("content-type", "Content-Type", StringComparison.Ordinal);
        request = request with { Headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { ["authorization"] = authorization } };

        var result = verifier.VerifyHeaders(request);

        Assert.True(result.IsValid, result.Failure);
        Assert.NotNull(result.Body?.Sha256);
    }

    [Fact]
    public async Task TheSignedBodyStreamsThroughUnchanged()
    {
        var (request, verifier) = await SignAsync(SigningStrategy.Standard);
        var signed = verifier.VerifyHeaders(request).Body!;

        await using var stream = signed.Verifying(new MemoryStream(Encoding.UTF8.GetBytes(Body)));
        using var reader = new StreamReader(stream);

        Assert.Equal(Body, await reader.ReadToEndAsync(Ct));
    }

    [Theory]
    [InlineData("{\"messages\":[{\"key\":null,\"value\":\"aGVsbG9=\"}]}", "x-content-sha256 does not match the body")]
    [InlineData("{\"messages\":[]}", "content-length 46 does not match the body length 15")]
    [InlineData("{\"messages\":[{\"key\":null,\"value\":\"aGVsbG8=\"}]}  ", "the body is longer than the signed content-length 46")]
    public async Task AnotherBodyFailsWhileItIsReadWithTheReason(string sent, string failure)
    {
        var (request, verifier) = await SignAsync(SigningStrategy.Standard);
        var signed = verifier.VerifyHeaders(request).Body!;

        await using var stream = signed.Verifying(new MemoryStream(Encoding.UTF8.GetBytes(sent)));
        var error = await Assert.ThrowsAsync<SignedBodyMismatchException>(() => stream.CopyToAsync(Stream.Null, Ct));

        Assert.Equal(failure, error.Verification.Failure);
        Assert.Equal("NotAuthenticated", error.Verification.ToErrorBody().Code);
    }

    [Fact]
    public async Task TheSynchronousReadPathChecksToo()
    {
        var (request, verifier) = await SignAsync(SigningStrategy.Standard);
        var signed = verifier.VerifyHeaders(request).Body!;

        using var stream = signed.Verifying(new MemoryStream(Encoding.UTF8.GetBytes(Body.Replace("aGVsbG8=", "aGVsbG9=", StringComparison.Ordinal))));

        Assert.Throws<SignedBodyMismatchException>(() => stream.CopyTo(Stream.Null));
    }

    [Fact]
    public void AnUnsignedUploadIsRefusedFromItsHeadersWithoutReadingItsBody()
    {
        var body = new CountingStream();
        var context = new DefaultHttpContext();
        context.Request.Method = "PUT";
        context.Request.Path = "/n/devharness/b/uploads/o/big.bin";
        context.Request.Headers.ContentLength = 200L * 1024 * 1024;
        context.Request.Body = body;

        var request = SignedRequest.FromHttpRequestHeaders(context.Request);
        var result = new SignatureVerifier([TrustedKey.FromPem(TestKeys.PublicPem)]).VerifyHeaders(request);

        Assert.False(result.IsValid);
        Assert.Equal("missing header authorization", result.Failure);
        Assert.Null(request.Body);
        Assert.Equal(0, body.Reads);
    }

    private static async Task<(SignedRequest Request, SignatureVerifier Verifier)> SignAsync(SigningStrategy strategy)
    {
        using var keys = ApiKeyProvider.FromPem(Tenancy, User, TestKeys.Fingerprint, TestKeys.Pkcs8Pem);
        var clock = new FakeTimeProvider(Start);
        using var message = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        await new RequestSigner(keys, clock).SignAsync(message, strategy, Ct);
        var request = await SignedRequest.FromHttpRequestMessageAsync(message, Ct);
        return (request, new SignatureVerifier([TrustedKey.FromPem(TestKeys.PublicPem, KeyId)], clock));
    }

    /// <summary>A body that counts how often anyone tried to read it.</summary>
    private sealed class CountingStream : MemoryStream
    {
        public int Reads { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            Reads++;
            return base.Read(buffer);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Reads++;
            return base.ReadAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            return base.ReadAsync(buffer, cancellationToken);
        }
    }
}
