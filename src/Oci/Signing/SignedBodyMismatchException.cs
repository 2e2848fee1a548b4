namespace DevHarness.Oci.Signing;

/// <summary>
/// Thrown by the stream <see cref="SignedBody.Verifying"/> returns when the body read is not the body the
/// request's signature covers. <see cref="Verification"/> is the refusal, ready for <c>ToErrorBody()</c>.
/// </summary>
public sealed class SignedBodyMismatchException : IOException
{
    /// <summary>Creates the exception for one refusal reason.</summary>
    public SignedBodyMismatchException(string failure)
        : base($"The request body is not the body that was signed: {failure}.")
    {
        Verification = SignatureVerification.Invalid(failure);
    }

    /// <summary>The refusal (401 <c>NotAuthenticated</c>) this mismatch amounts to.</summary>
    public SignatureVerification Verification { get; }
}
