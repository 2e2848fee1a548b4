using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace DevHarness.Integration.KafkaBroker;

/// <summary>Hand-built Kafka requests over a plain socket, for what no client library would send or show.</summary>
internal sealed class RawKafkaConnection : IDisposable
{
    private readonly TcpClient _client = new();
    private int _correlationId;

    private RawKafkaConnection()
    {
    }

    public static async Task<RawKafkaConnection> OpenAsync(string bootstrap)
    {
        var connection = new RawKafkaConnection();
        var colon = bootstrap.LastIndexOf(':');
        await connection._client.ConnectAsync(bootstrap[..colon], int.Parse(bootstrap[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture), TestContext.Current.CancellationToken);
        return connection;
    }

    /// <summary>Sends one request (header v1, or v2 with an empty tag buffer when <paramref name="flexibleHeader"/>) and returns the response after its correlation id.</summary>
    public async Task<byte[]> SendAsync(short apiKey, short version, byte[] body, bool flexibleHeader = false)
    {
        var header = new List<byte>();
        header.AddRange(BigEndian(apiKey));
        header.AddRange(BigEndian(version));
        header.AddRange(BigEndian(++_correlationId));
        header.AddRange(BigEndian((short)4));
        header.AddRange("test"u8.ToArray());
        if (flexibleHeader)
        {
            header.Add(0);
        }

        var request = new byte[4 + header.Count + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(request, header.Count + body.Length);
        header.CopyTo(request, 4);
        body.CopyTo(request, 4 + header.Count);
        var stream = _client.GetStream();
        await stream.WriteAsync(request, TestContext.Current.CancellationToken);

        var size = new byte[4];
        await stream.ReadExactlyAsync(size, TestContext.Current.CancellationToken);
        var response = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await stream.ReadExactlyAsync(response, TestContext.Current.CancellationToken);
        Assert.Equal(_correlationId, BinaryPrimitives.ReadInt32BigEndian(response));
        return response[4..];
    }

    /// <summary>Whether the broker has closed the connection (a read returns end of stream).</summary>
    public async Task<bool> IsClosedAsync()
    {
        try
        {
            return await _client.GetStream().ReadAsync(new byte[1], TestContext.Current.CancellationToken) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _client.Dispose();

    public static byte[] BigEndian(short value) => [(byte)(value >> 8), (byte)value];

    public static byte[] BigEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] BigEndian(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] String(string value) => [.. BigEndian((short)Encoding.UTF8.GetByteCount(value)), .. Encoding.UTF8.GetBytes(value)];
}
