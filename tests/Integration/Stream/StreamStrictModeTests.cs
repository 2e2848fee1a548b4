using System.Net;
using System.Security.Cryptography;
using System.Text;
using DevHarness.Oci.Auth;
using DevHarness.Oci.Signing;

namespace DevHarness.Integration.Streaming;

/// <summary>
/// <c>--verify-signatures</c> guards the fault-injection admin API like the Streaming API, and holds a
/// signed body to its digest while the endpoint reads it.
/// </summary>
public sealed class StreamStrictModeTests : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _publicKeyFile = Path.Combine(Path.GetTempPath(), $"devharness-strict-{Guid.NewGuid():N}.pem");

    public StreamStrictModeTests() => File.WriteAllText(_publicKeyFile, _key.ExportSubjectPublicKeyInfoPem());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnsignedFaultRequestsAre401AndInjectNothing()
    {
        await using var stream = await StartAsync();
        var http = stream.Client.Http;

        using var add = await http.PostAsync("_admin/faults", new StringContent("""{"mode":"error","count":5}""", Encoding.UTF8, "application/json"), Ct);
        using var list = await http.GetAsync("_admin/faults", Ct);
        using var clear = await http.DeleteAsync("_admin/faults", Ct);

        foreach (var response in new[] { add, list, clear })
        {
            Assert.Contains("missing header authorization", (await FacadeClient.ErrorAsync(response, HttpStatusCode.Unauthorized)).Message, StringComparison.Ordinal);
        }

        Assert.Empty(stream.Emulator.Faults.Active);
    }

    [Fact]
    public async Task SignedFaultRequestsAreServed()
    {
        await using var stream = await StartAsync();
        using var signed = SignedHttp(stream);

        using var add = await signed.PostAsync("_admin/faults", new StringContent("""{"mode":"error","count":5}""", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        Assert.Single(stream.Emulator.Faults.Active);
    }

    [Fact]
    public async Task ASignedPutMessagesWhoseBodyWasSwappedIs401AndPublishesNothing()
    {
        await using var stream = await StartAsync();
        using var keys = Keys();
        using var signed = SignedHttp(stream);
        var original = """{"messages":[{"key":null,"value":"b3JpZ2luYWw="}]}""";
        using var put = new HttpRequestMessage(HttpMethod.Post, new Uri(stream.Emulator.FacadeUrl, stream.Client.PathOf("/messages"))) { Content = new StringContent(original, Encoding.UTF8, "application/json") };
        await new RequestSigner(keys).SignAsync(put, SigningStrategy.Standard, Ct);
        var headers = put.Content.Headers.ToList();
        put.Content = new StringContent(original.Replace("b3JpZ2luYWw=", "c3dhcHBlZCE=", StringComparison.Ordinal));
        foreach (var (name, values) in headers)
        {
            put.Content.Headers.Remove(name);
            put.Content.Headers.TryAddWithoutValidation(name, values);
        }

        using var response = await stream.Client.Http.SendAsync(put, Ct);

        Assert.Contains("x-content-sha256 does not match the body", (await FacadeClient.ErrorAsync(response, HttpStatusCode.Unauthorized)).Message, StringComparison.Ordinal);
        using var cursor = await signed.PostAsync(stream.Client.PathOf("/cursors"), new StringContent("""{"partition":"0","type":"TRIM_HORIZON"}""", Encoding.UTF8, "application/json"), Ct);
        var value = System.Text.Json.JsonDocument.Parse(await cursor.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("value").GetString();
        Assert.Equal("[]", await signed.GetStringAsync(stream.Client.PathOf("/messages") + "?cursor=" + Uri.EscapeDataString(value!), Ct));
    }

    public void Dispose()
    {
        _key.Dispose();
        File.Delete(_publicKeyFile);
    }

    private Task<TestStream> StartAsync() =>
        TestStream.StartAsync(BrokerKind.Embedded, partitions: 1, o => o with { VerifySignaturesPublicKeyPath = _publicKeyFile });

    private ApiKeyProvider Keys()
    {
        var copy = RSA.Create();
        copy.ImportParameters(_key.ExportParameters(includePrivateParameters: true));
        return new ApiKeyProvider("ocid1.tenancy.oc1..test", "ocid1.user.oc1..test", ApiKeyProvider.ComputeFingerprint(copy), copy);
    }

    private HttpClient SignedHttp(TestStream stream) =>
        new(new RequestSigningHandler(Keys()) { InnerHandler = new HttpClientHandler() }) { BaseAddress = stream.Emulator.FacadeUrl };
}
