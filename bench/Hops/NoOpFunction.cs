using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DevHarness.Benchmarks.Hops;

/// <summary>
/// A function that does nothing, in the bench's process on 127.0.0.1: <c>POST /call</c> is answered 200 at
/// once, and the time each object's event arrived is kept (by the event's <c>resourceName</c>), so the events
/// emulator's dispatch can be timed on its own.
/// </summary>
internal sealed class NoOpFunction : IAsyncDisposable
{
    private static readonly byte[] ResourceName = Encoding.UTF8.GetBytes("\"resourceName\":\"");

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _arrived = new(StringComparer.Ordinal);
    private long _duplicates;

    private NoOpFunction(WebApplication app) => _app = app;

    /// <summary>Where the events emulator's rule sends its calls.</summary>
    public Uri CallUrl { get; private set; } = null!;

    /// <summary>Objects whose event has arrived.</summary>
    public int Delivered => _arrived.Count;

    /// <summary>Calls for an object whose event had arrived already (redeliveries).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>When the event for <paramref name="name"/> first arrived (<see cref="Stopwatch.GetTimestamp"/>), if it has.</summary>
    public long? ArrivedAt(string name) => _arrived.TryGetValue(name, out var at) ? at : null;

    public static async Task<NoOpFunction> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var function = new NoOpFunction(app);
        app.MapPost("/call", function.CallAsync);
        await app.StartAsync(cancellationToken);
        function.CallUrl = new Uri(new Uri(app.Urls.First()), "call");
        return function;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task<IResult> CallAsync(HttpRequest request)
    {
        var now = Stopwatch.GetTimestamp();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (Name(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is { } name && !_arrived.TryAdd(name, now))
        {
            Interlocked.Increment(ref _duplicates);
        }

        return Results.Ok();
    }

    private static string? Name(ReadOnlySpan<byte> body)
    {
        var start = body.IndexOf(ResourceName);
        if (start < 0)
        {
            return null;
        }

        var rest = body[(start + ResourceName.Length)..];
        var end = rest.IndexOf((byte)'"');
        return end < 0 ? null : Encoding.UTF8.GetString(rest[..end]);
    }
}
