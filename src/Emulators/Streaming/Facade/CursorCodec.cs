using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DevHarness.Oci.Streaming;

namespace DevHarness.Emulators.Streaming.Facade;

/// <summary>
/// Opaque, tamper-evident cursors: the state, binary-encoded, then an HMAC-SHA256 under a key that lives
/// only in this process, all base64url. They expire <see cref="StreamLimits.CursorLifetime"/> after issue,
/// as OCI's do (docs/oci-facts.md §2.3), and are bound to the stream they were made for.
/// </summary>
internal sealed class CursorCodec(TimeProvider clock)
{
    private const byte Version = 1;
    private const int MacLength = 32;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public TimeProvider Clock => clock;

    public string Encode(CursorState state)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(state.StreamId);
            writer.Write(state.IssuedAt.ToUnixTimeMilliseconds());
            writer.Write(state.IsGroup);
            if (state.IsGroup)
            {
                writer.Write(state.GroupName!);
                writer.Write(state.InstanceName!);
                var positions = state.Positions ?? new Dictionary<int, long>();
                writer.Write(positions.Count);
                foreach (var (partition, offset) in positions.OrderBy(p => p.Key))
                {
                    writer.Write(partition);
                    writer.Write(offset);
                }
            }
            else
            {
                writer.Write(state.Partition);
                writer.Write(state.Offset);
            }
        }

        var payload = buffer.ToArray();
        var mac = HMACSHA256.HashData(_key, payload);
        return Base64Url.EncodeToString([.. payload, .. mac]);
    }

    /// <summary>Decodes and checks a cursor given to a request on <paramref name="streamId"/>; throws 400 otherwise.</summary>
    public CursorState Decode(string? value, string streamId)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw OciProblem.InvalidParameter("cursor is required: create one with CreateCursor or CreateGroupCursor.");
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            throw Forged();
        }

        if (bytes.Length <= MacLength)
        {
            throw Forged();
        }

        var payload = bytes.AsSpan(0, bytes.Length - MacLength);
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), bytes.AsSpan(bytes.Length - MacLength)))
        {
            throw Forged();
        }

        var state = Read(payload.ToArray());
        if (!string.Equals(state.StreamId, streamId, StringComparison.Ordinal))
        {
            throw OciProblem.InvalidParameter($"cursor was issued for stream {state.StreamId}, not {streamId}.");
        }

        var age = clock.GetUtcNow() - state.IssuedAt;
        if (age > StreamLimits.CursorLifetime)
        {
            throw OciProblem.InvalidParameter(string.Create(CultureInfo.InvariantCulture,
                $"cursor has expired: it was issued at {state.IssuedAt:O} and cursors are valid for {StreamLimits.CursorLifetime.TotalMinutes:F0} minutes. Create a new cursor."));
        }

        return state;
    }

    private static CursorState Read(byte[] payload)
    {
        using var reader = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
        if (reader.ReadByte() != Version)
        {
            throw Forged();
        }

        var streamId = reader.ReadString();
        var issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
        if (!reader.ReadBoolean())
        {
            return CursorState.ForPartition(streamId, issuedAt, reader.ReadInt32(), reader.ReadInt64());
        }

        var group = reader.ReadString();
        var instance = reader.ReadString();
        var count = reader.ReadInt32();
        var positions = new Dictionary<int, long>(count);
        for (var i = 0; i < count; i++)
        {
            positions[reader.ReadInt32()] = reader.ReadInt64();
        }
        return CursorState.ForGroup(streamId, issuedAt, group, instance, positions);
    }

    private static OciProblem Forged() =>
        OciProblem.InvalidParameter("cursor is not valid: it was not issued by this stream emulator, was altered, or was issued before the emulator restarted.");
}
