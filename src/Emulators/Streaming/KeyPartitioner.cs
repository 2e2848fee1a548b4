namespace DevHarness.Emulators.Streaming;

/// <summary>
/// Where a key goes: the Java Kafka client's murmur2 hash, positive, modulo the partition count, which is
/// also librdkafka's <c>murmur2_random</c> (what the relay's Kafka publisher uses), so a key lands in the
/// same partition whichever door wrote it. A null key goes to a random partition, as with murmur2_random
/// (OCI assigns keyless messages itself).
/// </summary>
internal static class KeyPartitioner
{
    public static int PartitionFor(byte[]? key, int partitions) =>
        key is null ? Random.Shared.Next(partitions) : (Murmur2(key) & 0x7fffffff) % partitions;

    private static int Murmur2(ReadOnlySpan<byte> data)
    {
        const int M = 0x5bd1e995;
        const int R = 24;
        var length = data.Length;
        var h = unchecked((int)0x9747b28c) ^ length;
        var blocks = length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(data[(i * 4)..]);
            k *= M;
            k ^= (int)((uint)k >> R);
            k *= M;
            h *= M;
            h ^= k;
        }

        var tail = blocks * 4;
        switch (length & 3)
        {
            case 3:
                h ^= data[tail + 2] << 16;
                goto case 2;
            case 2:
                h ^= data[tail + 1] << 8;
                goto case 1;
            case 1:
                h ^= data[tail];
                h *= M;
                break;
        }

        h ^= (int)((uint)h >> 13);
        h *= M;
        h ^= (int)((uint)h >> 15);
        return h;
    }
}
