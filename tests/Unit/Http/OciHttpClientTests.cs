using System.Security.Cryptography;
using DevHarness.Oci;
using DevHarness.Oci.Auth;
using DevHarness.Oci.ObjectStorage;
using DevHarness.Unit.Auth;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace DevHarness.Unit.Http;

/// <summary><see cref="OciHttpClient.Create"/>: the DI registration's retries and signing, without DI, against real HTTP.</summary>
public sealed class OciHttpClientTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly OciTestServer _server = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task ATransientAnswerIsRetriedAndEveryAttemptIsSignedAndLogged()
    {
        _server.Server.Given(Request.Create().UsingGet()).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(503));
        _server.Server.Given(Request.Create().UsingGet()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("\"devharness\""));
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        using var http = OciHttpClient.Create(new OciClientOptions
        {
            Endpoint = _server.Url,
            KeyProvider = Keys(),
            Retry = new OciRetryOptions { MaxRetryAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(20) },
        }, nameof(ObjectStorageClient), loggerFactory: loggers);

        Assert.Equal("devharness", await new ObjectStorageClient(http).GetNamespaceAsync(cancellationToken: Ct).WaitAsync(Bound, Ct));

        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Contains($"keyId=\"ocid1.tenancy.oc1..t/ocid1.user.oc1..u/{TestKeys.Fingerprint}\"", r.Header("Authorization"), StringComparison.Ordinal));
        var retry = Assert.Single(logs.Entries, e => (int)e["EventId"]! == 2001);
        Assert.Equal("503 ServiceUnavailable", retry["Reason"]);
        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
    }

    [Fact]
    public async Task WithoutRetriesOrKeysItSendsOnceUnsigned()
    {
        _server.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        using var http = OciHttpClient.Create(new OciClientOptions { Endpoint = _server.Url, Retry = null }, nameof(ObjectStorageClient));

        var error = await Assert.ThrowsAsync<OciException>(() => new ObjectStorageClient(http).GetNamespaceAsync(cancellationToken: Ct).WaitAsync(Bound, Ct));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.False(_server.SingleRequest.HasHeader("Authorization"));
    }

    [Fact]
    public void AnEndpointThatIsNotHttpIsRefusedNamingTheClient()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            OciHttpClient.Create(new OciClientOptions { Endpoint = new Uri("ftp://x") }, nameof(ObjectStorageClient)));

        Assert.StartsWith("ObjectStorageClient: OciClientOptions.Endpoint must be an absolute http(s) URL (found 'ftp://x')", error.Message, StringComparison.Ordinal);
    }

    private static ApiKeyProvider Keys()
    {
        using var key = RSA.Create();
        key.ImportFromPem(TestKeys.Pkcs8Pem);
        return new ApiKeyProvider("ocid1.tenancy.oc1..t", "ocid1.user.oc1..u", TestKeys.Fingerprint, RSA.Create(key.ExportParameters(true)));
    }
}
