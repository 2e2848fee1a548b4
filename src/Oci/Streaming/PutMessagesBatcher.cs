namespace DevHarness.Oci.Streaming;

/// <summary>
/// Fits messages into PutMessages requests by OCI Streaming's limits (docs/oci-facts.md §2.2, §2.5): a key at
/// most 256 bytes, a value at most 1 MiB, a request at most 1 MiB counted as the sum of decoded keys and
/// values. Every entry is checked before anything is sent, so a bad entry never leaves a batch half put.
/// </summary>
public static class PutMessagesBatcher
{
    /// <summary>
    /// Splits <paramref name="entries"/>, in order, into as few requests as fit
    /// <paramref name="maxRequestBytes"/> each. Throws <see cref="ArgumentException"/> naming the first
    /// entry (by index) that can never be sent.
    /// </summary>
    public static IReadOnlyList<PutMessagesDetails> Split(IReadOnlyList<PutMessagesDetailsEntry> entries, int maxRequestBytes = StreamLimits.MaxRequestBytes)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRequestBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRequestBytes, StreamLimits.MaxRequestBytes);
        Validate(entries, maxRequestBytes);

        var requests = new List<PutMessagesDetails>();
        var current = new List<PutMessagesDetailsEntry>();
        long currentBytes = 0;
        foreach (var entry in entries)
        {
            var size = Size(entry);
            if (current.Count > 0 && currentBytes + size > maxRequestBytes)
            {
                requests.Add(new PutMessagesDetails(current));
                current = [];
                currentBytes = 0;
            }

            current.Add(entry);
            currentBytes += size;
        }

        if (current.Count > 0)
        {
            requests.Add(new PutMessagesDetails(current));
        }

        return requests;
    }

    /// <summary>
    /// Puts every entry, in as few requests as the limits allow, sent one after another so that order
    /// per key is kept, and returns one result per entry in the order of <paramref name="entries"/>.
    /// Per-entry failures are returned, not thrown: retrying them is the caller's call. A request that
    /// fails as a whole throws its <see cref="OciException"/>; entries of earlier requests are then
    /// already in the stream.
    /// </summary>
    public static async Task<IReadOnlyList<PutMessagesResultEntry>> PutAllAsync(
        StreamClient client, string streamId, IReadOnlyList<PutMessagesDetailsEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(entries);
        var results = new List<PutMessagesResultEntry>(entries.Count);
        foreach (var request in Split(entries))
        {
            var result = await client.PutMessagesAsync(streamId, request, cancellationToken);
            results.AddRange(result.Entries);
        }

        return results;
    }

    /// <summary>A request's share of the limit: decoded key plus value bytes.</summary>
    public static long Size(PutMessagesDetailsEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (entry.Key?.LongLength ?? 0) + (entry.Value?.LongLength ?? 0);
    }

    private static void Validate(IReadOnlyList<PutMessagesDetailsEntry> entries, int maxRequestBytes)
    {
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index];
            if (entry is null)
            {
                throw new ArgumentException($"Message {index} is null.", nameof(entries));
            }

            if (entry.Value is null)
            {
                throw new ArgumentException($"Message {index} has no value; OCI Streaming requires one (an empty array is allowed).", nameof(entries));
            }

            if (entry.Key is { Length: > StreamLimits.MaxKeyBytes } key)
            {
                throw new ArgumentException(
                    $"Message {index} has a {key.Length}-byte key; OCI Streaming accepts keys of at most {StreamLimits.MaxKeyBytes} bytes.", nameof(entries));
            }

            if (entry.Value.Length > StreamLimits.MaxMessageBytes)
            {
                throw new ArgumentException(
                    $"Message {index} has a {entry.Value.Length}-byte value; OCI Streaming accepts messages of at most {StreamLimits.MaxMessageBytes} bytes (1 MiB). Split the data or send a reference.",
                    nameof(entries));
            }

            if (Size(entry) > maxRequestBytes)
            {
                throw new ArgumentException(
                    $"Message {index} needs {Size(entry)} bytes (key plus value) but a request holds at most {maxRequestBytes}; it can never be sent.",
                    nameof(entries));
            }
        }
    }
}
