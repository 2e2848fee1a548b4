using System.Net;
using DevHarness.Oci;
using DevHarness.Oci.Streaming;
using DevHarness.Relay.Contract;

namespace DevHarness.Relay.Publishing;

/// <summary>
/// One invocation's messages as PutMessages requests: batched up to the 1 MiB request limit and sent one
/// after another (order per key is kept). Per-entry failures are retried entry by entry, and throttled or
/// failed requests as a whole, with exponential backoff and jitter (docs/architecture.md "The relay"); what still
/// fails fails the invocation.
/// </summary>
internal sealed class RestPublication(StreamClient client, string streamId, TimeProvider time) : IStreamPublication
{
    /// <summary>Attempts per batch, the first included.</summary>
    public const int MaxAttempts = 6;

    /// <summary>The first backoff; each later one doubles (with up to 50% jitter).</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(100);

    private readonly List<PutMessagesDetailsEntry> _batch = [];
    private readonly ReceiptBuilder _receipt = new();
    private long _batchBytes;

    public async ValueTask AddAsync(RelayMessage message, CancellationToken cancellationToken)
    {
        var entry = new PutMessagesDetailsEntry(message.Key, message.Value);
        var size = PutMessagesBatcher.Size(entry);
        if (_batch.Count > 0 && _batchBytes + size > StreamLimits.MaxRequestBytes)
        {
            await SendAsync(cancellationToken);
        }

        _batch.Add(entry);
        _batchBytes += size;
    }

    public async Task<PublishReceipt> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_batch.Count > 0)
        {
            await SendAsync(cancellationToken);
        }

        return _receipt.Build();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        List<PutMessagesDetailsEntry> pending = [.. _batch];
        _batch.Clear();
        _batchBytes = 0;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                var results = await PutMessagesBatcher.PutAllAsync(client, streamId, pending, cancellationToken);
                var failed = new List<PutMessagesDetailsEntry>();
                var errors = new SortedSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < results.Count; i++)
                {
                    if (results[i].IsSuccess)
                    {
                        _receipt.Add(results[i].Partition ?? "?", results[i].Offset ?? -1);
                    }
                    else
                    {
                        failed.Add(pending[i]);
                        errors.Add($"{results[i].Error}: {results[i].ErrorMessage}");
                    }
                }

                if (failed.Count == 0)
                {
                    return;
                }

                pending = failed;
                failure = $"{failed.Count} message(s) failed: {string.Join("; ", errors)}";
            }
            catch (OciException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests || (int)ex.StatusCode >= 500)
            {
                failure = ex.Message;
            }
            catch (HttpRequestException ex)
            {
                failure = ex.Message;
            }

            if (attempt == MaxAttempts)
            {
                throw new StreamPublishException($"PutMessages to stream {streamId} still failed after {MaxAttempts} attempts: {failure}");
            }

            await Task.Delay(Backoff(attempt), time, cancellationToken);
        }
    }

    private static TimeSpan Backoff(int attempt)
    {
        var exponential = BaseDelay * Math.Pow(2, attempt - 1);
#pragma warning disable CA5394 // Jitter spreads retries; it needs no cryptographic randomness.
        return exponential * (1 + (Random.Shared.NextDouble() * 0.5));
#pragma warning restore CA5394
    }
}
