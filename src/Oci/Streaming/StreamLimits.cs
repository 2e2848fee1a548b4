namespace DevHarness.Oci.Streaming;

/// <summary>OCI Streaming's published limits (docs/oci-facts.md §2.2, §2.5) and the partitioner both sides use.</summary>
public static class StreamLimits
{
    /// <summary>A message value, and a whole PutMessages request (keys + values, decoded), at most 1 MiB.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    /// <summary>The same limit for a whole request: the sum of decoded keys and values.</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    /// <summary>A message key.</summary>
    public const int MaxKeyBytes = 256;

    /// <summary>GetMessages <c>limit</c>.</summary>
    public const int MaxGetMessagesLimit = 10_000;

    /// <summary>How long a cursor stays valid.</summary>
    public static readonly TimeSpan CursorLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The Kafka partitioner every DevHarness producer uses (relay and REST facade alike), so a key lands
    /// in the same partition whichever API wrote it. <c>murmur2_random</c> is the Java client's hash,
    /// so kafka-console-producer and Spring producers agree with us too.
    /// </summary>
    public const string KafkaPartitioner = "murmur2_random";
}
