using System.Net;
using System.Net.Sockets;
using System.Text;
using DevHarness.Oci;
using DevHarness.Oci.ObjectStorage;
using DevHarness.Oci.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace DevHarness.Unit.Http;

/// <summary>The retry pipeline of <see cref="OciResilienceExtensions.AddOciResilience"/>, wired through DI, against real HTTP.</summary>
public sealed class OciResilienceTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private static readonly byte[] OkNamespace =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\nConnection: close\r\n\r\n\"devharness\""u8.ToArray();

    private readonly OciTestServer _server = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OciRetryOptions Fast => new()
    {
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(5),
        TotalTimeout = TimeSpan.FromSeconds(20),
    };

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task TooManyRequestsIsRetriedAfterTheSecondsInRetryAfter()
    {
        FirstThenOk(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1")
            .WithBody("""{"code":"TooManyRequests","message":"Tenancy request-rate limit exceeded"}"""));
        var logs = new CapturingLoggerProvider();
        using var services = Services(_server.Url, Fast, logs);

        Assert.Equal("devharness", await services.GetRequiredService<ObjectStorageClient>().GetNamespaceAsync(cancellationToken: Ct).WaitAsync(Bound, Ct));

        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        var retry = Assert.Single(logs.Entries, e => (int)e["EventId"]! == 2001);
        Assert.Equal(1000L, retry["DelayMs"]);
        Assert.Equal("429 TooManyRequests", retry["Reason"]);
        Assert.True(requests[1].DateTime - requests[0].DateTime >= TimeSpan.FromSeconds(0.9), "the retry came before Retry-After allowed");
    }

    [Fact]
    public async Task ServiceUnavailableIsRetriedAfterTheDateInRetryAfter()
    {
        // Five seconds ahead: far enough that a slow first attempt on a loaded machine still leaves a wait to honour.
        var retryAt = DateTimeOffset.UtcNow.AddSeconds(5);
        FirstThenOk(Response.Create().WithStatusCode(503).WithHeader("Retry-After", retryAt.ToString("r", System.Globalization.CultureInfo.InvariantCulture)));
        var logs = new CapturingLoggerProvider();
        using var services = Services(_server.Url, Fast, logs);

        Assert.Equal("devharness", await services.GetRequiredService<ObjectStorageClient>().GetNamespaceAsync(cancellationToken: Ct).WaitAsync(Bound, Ct));

        Assert.Equal(2, _server.Requests.Count);
        var retry = Assert.Single(logs.Entries, e => (int)e["EventId"]! == 2001);

        // The wait is what was left until the date (second precision) when the 503 arrived, never the 10 ms
        // backoff; measured from when the server saw the first request, so machine load cannot fail it.
        var firstSeen = new DateTimeOffset(DateTime.SpecifyKind(_server.Requests[0].DateTime, DateTimeKind.Utc));
        var untilDate = (long)(DateTimeOffset.FromUnixTimeSeconds(retryAt.ToUnixTimeSeconds()) - firstSeen).TotalMilliseconds;
        Assert.InRange((long)retry["DelayMs"]!, Math.Min(1000L, untilDate - 1000), untilDate + 100);
        Assert.True((long)retry["DelayMs"]! > 100, "the Retry-After date was not honoured");
        Assert.Equal("503 ServiceUnavailable", retry["Reason"]);
    }

    [Fact]
    public async Task ServerErrorsWithoutRetryAfterBackOffAndRetry()
    {
        FirstThenOk(Response.Create().WithStatusCode(503));
        using var services = Services(_server.Url, Fast);

        Assert.Equal("devharness", await services.GetRequiredService<ObjectStorageClient>().GetNamespaceAsync(cancellationToken: Ct).WaitAsync(Bound, Ct));
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task BadRequestIsNotRetried()
    {
        _server.Server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(400).WithBody("""{"code":"InvalidParameter","message":"bad limit"}"""));
        using var services = Services(_server.Url, Fast);

        var error = await Assert.ThrowsAsync<OciException>(() =>
            services.GetRequiredService<ObjectStorageClient>().GetNamespaceAsync(cancellationToken: Ct).WaitAsync(Bound, Ct));

        Assert.Equal("InvalidParameter", error.Code);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task RetriesStopAfterMaxAttemptsWithTheLastAnswer()
    {
        _server.Server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("opc-request-id", "busy")
                .WithBody("""{"code":"ServiceUnavailable","message":"try later"}"""));
        using var services = Services(_server.Url, Fast);

        var error = await Assert.ThrowsAsync<OciException>(() =>
            services.GetRequiredService<ObjectStorageClient>().GetNamespaceAsync(cancellationToken: Ct).WaitAsync(Bound, Ct));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(4, _server.Requests.Count);
    }

    [Fact]
    public async Task RetryAfterLongerThanTheLimitIsReturnedAtOnce()
    {
        _server.Server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "3600"));
        using var services = Services(_server.Url, Fast);

        var error = await Assert.ThrowsAsync<OciException>(() =>
            services.GetRequiredService<ObjectStorageClient>().GetNamespaceAsync(cancellationToken: Ct).WaitAsync(Bound, Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task PutMessagesIsNeverRetriedAutomatically()
    {
        _server.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        using var services = Services(_server.Url, Fast);
        var client = services.GetRequiredService<StreamClient>();

        var error = await Assert.ThrowsAsync<OciException>(() =>
            client.PutMessagesAsync("s", new PutMessagesDetails([new PutMessagesDetailsEntry(null, [1, 2, 3])]), Ct).WaitAsync(Bound, Ct));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task CreateCursorIsRetriedBecauseItChangesNothing()
    {
        FirstThenOk(Response.Create().WithStatusCode(500), okBody: """{"value":"cursor-1"}""");
        using var services = Services(_server.Url, Fast);

        var cursor = await services.GetRequiredService<StreamClient>()
            .CreateCursorAsync("s", new CreateCursorDetails("0", CursorType.TrimHorizon), Ct).WaitAsync(Bound, Ct);

        Assert.Equal("cursor-1", cursor.Value);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task PutObjectWithASeekableBodyIsRetriedWithTheWholeBodyAgain()
    {
        FirstThenOk(Response.Create().WithStatusCode(500));
        using var services = Services(_server.Url, Fast);
        var payload = new byte[100_000];
        Random.Shared.NextBytes(payload);
        using var body = new MemoryStream(payload);

        await services.GetRequiredService<ObjectStorageClient>().PutObjectAsync("ns", "bkt", "x", body, cancellationToken: Ct).WaitAsync(Bound, Ct);

        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(payload, r.BodyAsBytes));
    }

    [Fact]
    public async Task PutObjectWithAOneShotBodyIsNotRetried()
    {
        FirstThenOk(Response.Create().WithStatusCode(500));
        using var services = Services(_server.Url, Fast);

        var error = await Assert.ThrowsAsync<OciException>(() => services.GetRequiredService<ObjectStorageClient>()
            .PutObjectAsync("ns", "bkt", "x", new ObjectStorage.NonSeekableStream([1, 2, 3]), cancellationToken: Ct).WaitAsync(Bound, Ct));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task AnAttemptThatTimesOutIsRetried()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = Task.Run(async () =>
        {
            // The first connection gets no answer until the test ends; the retry is served.
            using var silent = await listener.AcceptTcpClientAsync(Ct);
            await ReadHeadAsync(silent.GetStream());
            using var served = await listener.AcceptTcpClientAsync(Ct);
            var stream = served.GetStream();
            await ReadHeadAsync(stream);
            await stream.WriteAsync(OkNamespace, Ct);
            await release.Task.WaitAsync(Bound, Ct);
        }, Ct);
        var options = Fast;
        options.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        using var services = Services(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"), options);

        Assert.Equal("devharness", await services.GetRequiredService<ObjectStorageClient>().GetNamespaceAsync(cancellationToken: Ct).WaitAsync(Bound, Ct));
        release.SetResult();
        await server.WaitAsync(Bound, Ct);
    }

    [Fact]
    public async Task TheAttemptTimeoutDoesNotCutAStreamedBodyShort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var headersRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = Task.Run(async () =>
        {
            using var connection = await listener.AcceptTcpClientAsync(Ct);
            var stream = connection.GetStream();
            await ReadHeadAsync(stream);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nslo"u8.ToArray(), Ct);
            await headersRead.Task.WaitAsync(Bound, Ct);

            // Well past the attempt timeout: the body is the caller's to read, at its own pace.
            await Task.Delay(TimeSpan.FromMilliseconds(900), Ct);
            await stream.WriteAsync("w!!"u8.ToArray(), Ct);
        }, Ct);
        var options = Fast;
        options.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        using var services = Services(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"), options);

        await using var response = await services.GetRequiredService<ObjectStorageClient>().GetObjectAsync("ns", "bkt", "slow", cancellationToken: Ct).WaitAsync(Bound, Ct);
        headersRead.SetResult();
        using var reader = new StreamReader(response.Content);

        Assert.Equal("slow!!", await reader.ReadToEndAsync(Ct).WaitAsync(Bound, Ct));
        await server.WaitAsync(Bound, Ct);
    }

    [Fact]
    public async Task RunningOutOfTimeIsATimeoutExceptionNamingTheOperation()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var options = Fast;
        options.MaxRetryAttempts = 1;
        options.AttemptTimeout = TimeSpan.FromMilliseconds(200);
        using var services = Services(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"), options);

        // The listener accepts connections (the kernel backlog) but never answers.
        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            services.GetRequiredService<ObjectStorageClient>().GetBucketAsync("ns", "bkt", Ct).WaitAsync(Bound, Ct));

        Assert.StartsWith("GET /n/ns/b/bkt: no answer within 0.2 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADroppedConnectionIsRetried()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = Task.Run(async () =>
        {
            using (var dropped = await listener.AcceptTcpClientAsync(Ct))
            {
                await ReadHeadAsync(dropped.GetStream());
            }

            using var served = await listener.AcceptTcpClientAsync(Ct);
            var stream = served.GetStream();
            await ReadHeadAsync(stream);
            await stream.WriteAsync(OkNamespace, Ct);
        }, Ct);
        using var services = Services(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"), Fast);

        Assert.Equal("devharness", await services.GetRequiredService<ObjectStorageClient>().GetNamespaceAsync(cancellationToken: Ct).WaitAsync(Bound, Ct));
        await server.WaitAsync(Bound, Ct);
    }

    [Fact]
    public void RegistrationWithoutEndpointFailsAtOnceNamingTheSetting()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.AddOciObjectStorageClient(o => o.Endpoint = null));

        Assert.Contains("ObjectStorageClient: OciClientOptions.Endpoint must be an absolute http(s) URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistrationWithoutRetriesSendsOnce()
    {
        _server.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        var collection = new ServiceCollection();
        collection.AddOciObjectStorageClient(o =>
        {
            o.Endpoint = _server.Url;
            o.Retry = null;
        });
        using var services = collection.BuildServiceProvider();

        await Assert.ThrowsAsync<OciException>(() => services.GetRequiredService<ObjectStorageClient>().GetNamespaceAsync(cancellationToken: Ct).WaitAsync(Bound, Ct));

        Assert.Single(_server.Requests);
    }

    private static ServiceProvider Services(Uri endpoint, OciRetryOptions retry, CapturingLoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        if (logs is not null)
        {
            services.AddLogging(logging => logging.AddProvider(logs));
        }

        services.AddOciObjectStorageClient(o =>
        {
            o.Endpoint = endpoint;
            o.Retry = retry;
        });
        services.AddOciStreamClient(o =>
        {
            o.Endpoint = endpoint;
            o.Retry = retry;
        });
        return services.BuildServiceProvider();
    }

    private void FirstThenOk(IResponseBuilder first, string okBody = "\"devharness\"")
    {
        _server.Server.Given(Request.Create().UsingAnyMethod()).InScenario("flaky").WillSetStateTo("recovered").RespondWith(first);
        _server.Server.Given(Request.Create().UsingAnyMethod()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(okBody));
    }

    private static async Task ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, Ct);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
