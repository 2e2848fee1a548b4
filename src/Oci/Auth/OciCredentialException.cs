namespace DevHarness.Oci.Auth;

/// <summary>
/// A credential cannot be used: a key that does not parse or does not match its fingerprint, a missing
/// or malformed resource principal setting, an expired token. The message says what to fix.
/// </summary>
public sealed class OciCredentialException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OciCredentialException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public OciCredentialException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public OciCredentialException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
