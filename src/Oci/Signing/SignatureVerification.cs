namespace DevHarness.Oci.Signing;

/// <summary>The outcome of <see cref="SignatureVerifier.Verify"/> or <see cref="SignatureVerifier.VerifyHeaders"/>.</summary>
public sealed record SignatureVerification
{
    /// <summary>OCI's 401 error code for every signature refusal.</summary>
    public const string ErrorCode = "NotAuthenticated";

    private SignatureVerification(bool isValid, string? keyId, string? failure, SignedBody? body = null)
    {
        IsValid = isValid;
        KeyId = keyId;
        Failure = failure;
        Body = body;
    }

    /// <summary>True when the signature verified against a trusted key.</summary>
    public bool IsValid { get; }

    /// <summary>The keyId of a valid signature.</summary>
    public string? KeyId { get; }

    /// <summary>Why the request was refused: one precise sentence, e.g. <c>clock skew of 412 seconds exceeds 300</c>.</summary>
    public string? Failure { get; }

    /// <summary>
    /// After <see cref="SignatureVerifier.VerifyHeaders"/>: what the body must be (signed length and digest),
    /// to check while it is read; null when the signature does not cover the body, or the body was checked.
    /// </summary>
    public SignedBody? Body { get; }

    /// <summary>A verified signature; <paramref name="body"/> is what remains to check of the body, if anything.</summary>
    public static SignatureVerification Valid(string keyId, SignedBody? body = null) => new(true, keyId, null, body);

    /// <summary>A refusal and its reason.</summary>
    public static SignatureVerification Invalid(string failure) => new(false, null, failure);

    /// <summary>The OCI error body an emulator answers a refusal with (HTTP 401).</summary>
    /// <exception cref="InvalidOperationException">The signature is valid.</exception>
    public OciErrorBody ToErrorBody() => IsValid
        ? throw new InvalidOperationException("A valid signature has no error body.")
        : new OciErrorBody(ErrorCode, $"The required information to complete authentication was not provided or was incorrect: {Failure}.");
}
