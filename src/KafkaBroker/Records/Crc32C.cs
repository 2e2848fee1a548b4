using System.Buffers.Binary;
using System.Numerics;

namespace DevHarness.KafkaBroker.Records;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of a magic-2 record batch. <see cref="BitOperations.Crc32C(uint, ulong)"/>
/// is the bare update step (SSE4.2 / ARMv8 instructions where present); the standard's initial value and
/// final inversion are added here.
/// </summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }
        return ~crc;
    }
}
