using System.Net;
using System.Security.Cryptography;
using System.Text;
using DevHarness.Oci.Auth;
using DevHarness.Oci.Signing;
using DevHarness.Oci.Streaming;

namespace DevHarness.Integration.Streaming;

/// <summary>
/// The facade driven by the project's own OCI StreamClient, signing with an API key, against
/// <c>--verify-signatures</c>: the SDK path a relay in the cloud takes, end to end.
/// </summary>
public sealed class SignedRequestTests : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _publicKeyFile = Path.Combine(Path.GetTempPath(), $"devharness-stream-{Guid.NewGuid():N}.pem");

    public SignedRequestTests() => File.WriteAllText(_publicKeyFile, _key.ExportSubjectPublicKeyInfoPem());

    [Fact]
    public async Task ASignedStreamClientPutsAndReadsMessages()
    {
        await using var stream = await StartAsync();
        using var http = SignedHttp(stream, _key);
        var client = new StreamClient(http);
        var ct = TestContext.Current.CancellationToken;

        var info = await client.GetStreamAsync(stream.Stream.Ocid, ct);
        var put = await client.PutMessagesAsync(stream.Stream.Ocid, new PutMessagesDetails([new PutMessagesDetailsEntry(Encoding.UTF8.GetBytes("k"), Encoding.UTF8.GetBytes("signed"))]), ct);
        var entry = Assert.Single(put.Entries);
        var cursor = await client.CreateCursorAsync(stream.Stream.Ocid, new CreateCursorDetails(entry.Partition!, CursorType.AtOffset, entry.Offset), ct);
        var read = await client.GetMessagesAsync(stream.Stream.Ocid, cursor.Value, cancellationToken: ct);

        Assert.Equal(stream.Topic, info.Name);
        Assert.Equal("signed", Encoding.UTF8.GetString(Assert.Single(read.Messages).Value));
        Assert.False(string.IsNullOrEmpty(read.NextCursor));
    }

    [Fact]
    public async Task UnsignedOrWronglySignedRequestsAreNotAuthenticated()
    {
        await using var stream = await StartAsync();
        using var stranger = RSA.Create(2048);
        using var wrongKey = SignedHttp(stream, stranger);
        var ct = TestContext.Current.CancellationToken;

        using var unsigned = await stream.Client.Http.GetAsync(stream.Client.PathOf(), ct);
        using var wrong = await wrongKey.GetAsync(stream.Client.PathOf(), ct);
        using var health = await stream.Client.Http.GetAsync("health", ct);

        Assert.Contains("missing header authorization", (await FacadeClient.ErrorAsync(unsigned, HttpStatusCode.Unauthorized)).Message, StringComparison.Ordinal);
        var error = await FacadeClient.ErrorAsync(wrong, HttpStatusCode.Unauthorized);
        Assert.Equal(SignatureVerification.ErrorCode, error.Code);
        Assert.Contains("signature does not verify", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task AMissingPublicKeyFileIsAStartUpError()
    {
        var missing = _publicKeyFile + ".missing";
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestStream.StartAsync(BrokerKind.Embedded, partitions: 1, o => o with { VerifySignaturesPublicKeyPath = missing }));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _key.Dispose();
        File.Delete(_publicKeyFile);
    }

    private Task<TestStream> StartAsync() =>
        TestStream.StartAsync(BrokerKind.Embedded, partitions: 1, o => o with { VerifySignaturesPublicKeyPath = _publicKeyFile });

    private static HttpClient SignedHttp(TestStream stream, RSA key)
    {
        var keys = new ApiKeyProvider("ocid1.tenancy.oc1..test", "ocid1.user.oc1..test", ApiKeyProvider.ComputeFingerprint(key), key);
        return new HttpClient(new RequestSigningHandler(keys) { InnerHandler = new HttpClientHandler() }) { BaseAddress = stream.Emulator.FacadeUrl };
    }
}
