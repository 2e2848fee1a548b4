using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DevHarness.Oci;
using DevHarness.Oci.ObjectStorage;

namespace DevHarness.Benchmarks.Loop;

/// <summary>
/// The load generator: <see cref="Clients"/> keep-alive HTTP clients, each with its own connection, PutObject
/// 1 KiB objects through the Object Storage REST API, either as fast as they are answered (closed loop) or at a
/// fixed rate spread over them (open loop). Every object has a name of its own, and its PutObject start time
/// is recorded so the watcher's "pair readable" time can be matched against it.
/// </summary>
internal sealed class LoopUploads : IDisposable
{
    public const int Clients = 16;

    public const string Namespace = "devharness";

    public const string Bucket = "uploads";

    private readonly HttpClient[] _http;
    private readonly ObjectStorageClient[] _clients;
    private readonly byte[] _body = new byte[1024];
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public LoopUploads(Uri objectStorage)
    {
        Random.Shared.NextBytes(_body);
        _http = [.. Enumerable.Range(0, Clients).Select(_ => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = objectStorage })];
        _clients = [.. _http.Select(h => new ObjectStorageClient(h))];
    }

    /// <summary>Every message key of this run's objects starts with this.</summary>
    public string KeyPrefix => $"{Namespace}/{Bucket}/loop-{_run}/";

    /// <summary>
    /// Uploads for <paramref name="duration"/> (or <paramref name="count"/> objects, whichever comes first);
    /// <paramref name="rate"/> per second in all, or as fast as answered when null.
    /// </summary>
    public async Task<UploadPhase> RunAsync(string phase, TimeSpan duration, int count, int? rate, CancellationToken cancellationToken)
    {
        var uploads = new ConcurrentBag<Upload>();
        var failures = new ConcurrentBag<string>();
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(_clients.Select(client => Task.Run(async () =>
        {
            while (true)
            {
                var slot = Interlocked.Increment(ref next);
                if (slot >= count)
                {
                    return;
                }

                if (rate is { } perSecond)
                {
                    var due = started + (long)(slot * (double)Stopwatch.Frequency / perSecond);
                    if (due >= until)
                    {
                        return;
                    }

                    if (Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due) is { TotalMilliseconds: > 0 } wait)
                    {
                        await Task.Delay(wait, cancellationToken);
                    }
                }
                else if (Stopwatch.GetTimestamp() >= until)
                {
                    return;
                }

                var name = string.Create(CultureInfo.InvariantCulture, $"loop-{_run}/{phase}-{slot:D7}");
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await client.PutObjectAsync(Namespace, Bucket, name, new MemoryStream(_body, writable: false), cancellationToken: cancellationToken);
                    uploads.Add(new Upload($"{Namespace}/{Bucket}/{name}", start, Stopwatch.GetTimestamp()));
                }
                catch (Exception e) when (e is HttpRequestException or OciException)
                {
                    failures.Add(e.Message);
                }
            }
        }, cancellationToken)));
        return new UploadPhase([.. uploads.OrderBy(u => u.Started)], [.. failures], Stopwatch.GetElapsedTime(started));
    }

    public void Dispose()
    {
        foreach (var http in _http)
        {
            http.Dispose();
        }
    }
}

/// <summary>One acknowledged PutObject: the object's message key, when the request started and when it was answered.</summary>
internal sealed record Upload(string Key, long Started, long Answered);

/// <summary>What a load phase did: the acknowledged uploads in start order, the failed ones' errors, and how long it ran.</summary>
internal sealed record UploadPhase(IReadOnlyList<Upload> Uploads, IReadOnlyList<string> Failures, TimeSpan Elapsed);
