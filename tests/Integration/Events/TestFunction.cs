using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DevHarness.Integration.Events;

/// <summary>
/// A stand-in function on a real socket (TCP on 127.0.0.1 or a unix socket, like the Fn listener) that
/// records each <c>POST /call</c> and answers with the status <c>respond</c> picks for the n-th call,
/// once <c>release</c> (when given) has completed: a function that is busy until the test lets it go.
/// </summary>
internal sealed class TestFunction : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private TestFunction(WebApplication app, string target)
    {
        _app = app;
        Target = target;
    }

    /// <summary>The target string for a rule: <c>http://127.0.0.1:port/call</c> or <c>unix:/path</c>.</summary>
    public string Target { get; }

    public ConcurrentQueue<(IReadOnlyDictionary<string, string> Headers, string Body)> Calls { get; } = new();

    public static async Task<TestFunction> StartAsync(Func<int, int>? respond = null, string? unixSocket = null, Task? release = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (unixSocket is null)
            {
                kestrel.Listen(System.Net.IPAddress.Loopback, 0);
            }
            else
            {
                kestrel.ListenUnixSocket(unixSocket);
            }
        });
        var app = builder.Build();
        TestFunction? self = null;
        app.MapPost("/call", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var call = Interlocked.Increment(ref self!._calls);
            self.Calls.Enqueue((request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            if (release is not null)
            {
                await release;
            }

            return Results.StatusCode(respond?.Invoke(call) ?? 200);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var target = unixSocket is null ? $"{app.Urls.First()}/call" : $"unix:{unixSocket}";
        self = new TestFunction(app, target);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
