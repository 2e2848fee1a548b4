using System.Buffers;
using System.Net;

namespace DevHarness.Oci.ObjectStorage;

/// <summary>
/// A PutObject body read from the caller's stream: copied as it is sent (never buffered), rewound to
/// where it started when a retry sends it again (only possible when the stream can seek), and left
/// open — the caller owns the stream.
/// </summary>
internal sealed class ObjectBodyContent : HttpContent
{
    private const int BufferSize = 81920;
    private readonly Stream _body;
    private readonly long _start;
    private readonly long? _length;
    private bool _sent;

    public ObjectBodyContent(Stream body, long? length)
    {
        _body = body;
        _start = body.CanSeek ? body.Position : 0;
        _length = length ?? (body.CanSeek ? body.Length - _start : null);
    }

    /// <summary>Whether the body can be sent again (a retry after a transient failure).</summary>
    public bool CanRewind => _body.CanSeek;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_sent)
        {
            if (!_body.CanSeek)
            {
                throw new InvalidOperationException("The PutObject body was already sent once and its stream cannot seek, so it cannot be sent again.");
            }

            _body.Position = _start;
        }

        _sent = true;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long copied = 0;
            while (_length is not { } limit || copied < limit)
            {
                var want = _length is { } total ? (int)Math.Min(buffer.Length, total - copied) : buffer.Length;
                var read = await _body.ReadAsync(buffer.AsMemory(0, want), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                copied += read;
            }

            if (_length is { } expected && copied != expected)
            {
                throw new IOException($"The PutObject body ended after {copied} bytes but its Content-Length is {expected}.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length ?? 0;
        return _length is not null;
    }
}
