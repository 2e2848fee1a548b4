using WireMock;
using WireMock.Server;

namespace DevHarness.Unit.Http;

/// <summary>An in-process WireMock server on a random 127.0.0.1 port and an HttpClient aimed at it.</summary>
internal sealed class OciTestServer : IDisposable
{
    public OciTestServer()
    {
        Server = WireMockServer.Start();
        Http = new HttpClient { BaseAddress = new Uri(Server.Url!), Timeout = TimeSpan.FromSeconds(30) };
    }

    public WireMockServer Server { get; }

    public HttpClient Http { get; }

    public Uri Url => new(Server.Url!);

    /// <summary>The requests the server received, oldest first.</summary>
    public IReadOnlyList<IRequestMessage> Requests =>
        [.. Server.LogEntries.Select(e => e.RequestMessage ?? throw new InvalidOperationException("log entry without request")).OrderBy(r => r.DateTime)];

    /// <summary>The single request the server received (fails the test otherwise).</summary>
    public IRequestMessage SingleRequest => Assert.Single(Requests);

    public void Dispose()
    {
        Http.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
