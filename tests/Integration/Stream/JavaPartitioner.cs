namespace DevHarness.Integration.Streaming;

/// <summary>
/// The Java Kafka client's default partitioner for keyed records (<c>Utils.murmur2</c>, then
/// <c>toPositive(hash) % partitions</c>), written out independently so tests can prove the facade
/// and the relay place keys exactly where a Java producer would.
/// </summary>
internal static class JavaPartitioner
{
    public static int PartitionFor(byte[] key, int partitions) => (Murmur2(key) & 0x7fffffff) % partitions;

    private static int Murmur2(byte[] data)
    {
        const int M = 0x5bd1e995;
        const int R = 24;
        var length = data.Length;
        var h = unchecked((int)0x9747b28c) ^ length;
        for (var i = 0; i < length / 4; i++)
        {
            var i4 = i * 4;
            var k = data[i4] | (data[i4 + 1] << 8) | (data[i4 + 2] << 16) | (data[i4 + 3] << 24);
            k *= M;
            k ^= (int)((uint)k >> R);
            k *= M;
            h *= M;
            h ^= k;
        }

        var tail = length & ~3;
        switch (length % 4)
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
