namespace DevHarness.Oci.Signing;

/// <summary>
/// What a signature says about the body it covers: the signed <c>content-length</c> and
/// <c>x-content-sha256</c> (either may be absent from the signed list). A verifier that checked the
/// headers first (<see cref="SignatureVerifier.VerifyHeaders"/>) checks the body against these while it
/// is read, with <see cref="Verifying"/>, so nothing is buffered to verify it.
/// </summary>
/// <param name="Length">The signed <c>content-length</c>, when signed.</param>
/// <param name="Sha256">The signed base64 SHA-256 of the body (<c>x-content-sha256</c>), when signed.</param>
public sealed record SignedBody(long? Length, string? Sha256)
{
    /// <summary>
    /// Wraps <paramref name="body"/> in a read-only stream that hashes and counts what passes through and,
    /// at the end of the body, throws <see cref="SignedBodyMismatchException"/> if it is not what was signed.
    /// A body longer than the signed length fails as soon as the excess is read.
    /// </summary>
    public Stream Verifying(Stream body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new SignedBodyStream(body, this);
    }

    /// <summary>The reason a body of <paramref name="length"/> bytes and this digest is not the signed body, or null when it is.</summary>
    internal string? Check(long length, Func<string> sha256)
    {
        if (Length is { } signedLength && signedLength != length)
        {
            return $"content-length {signedLength} does not match the body length {length}";
        }

        return Sha256 is not null && Sha256 != sha256() ? "x-content-sha256 does not match the body" : null;
    }
}
