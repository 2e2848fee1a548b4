using System.Security.Cryptography;

namespace DevHarness.Oci.Signing;

/// <summary>
/// A read-only pass-through that hashes and counts a request body and compares it with the signed length
/// and digest when the body ends (see <see cref="SignedBody.Verifying"/>).
/// </summary>
internal sealed class SignedBodyStream(Stream inner, SignedBody signed) : Stream
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _read;
    private bool _checked;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        return Observe(buffer[..read], buffer.Length);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Observe(buffer.Span[..read], buffer.Length);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The wrapped body belongs to the server that handed it out.
            _sha256.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Observe(ReadOnlySpan<byte> data, int asked)
    {
        _read += data.Length;
        _sha256.AppendData(data);
        if (signed.Length is { } length && _read > length)
        {
            throw new SignedBodyMismatchException($"the body is longer than the signed content-length {length}");
        }

        // End of body (a zero-byte read of a non-empty buffer): now the digest can be compared, once.
        if (data.Length == 0 && asked > 0 && !_checked)
        {
            _checked = true;
            if (signed.Check(_read, () => Convert.ToBase64String(_sha256.GetHashAndReset())) is { } failure)
            {
                throw new SignedBodyMismatchException(failure);
            }
        }

        return data.Length;
    }
}
