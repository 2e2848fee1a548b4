namespace DevHarness.Oci.Config;

/// <summary>
/// The OCI config file cannot give what was asked: no file, a malformed line, an unknown profile, or
/// missing keys. The message names the file, the profile and every missing key at once.
/// </summary>
public sealed class OciConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OciConfigException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public OciConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public OciConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal OciConfigException(string message, string? filePath, string? profile, IReadOnlyList<string>? missingKeys = null, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
        Profile = profile;
        MissingKeys = missingKeys ?? [];
    }

    /// <summary>The config file concerned, if one was found.</summary>
    public string? FilePath { get; }

    /// <summary>The profile concerned, if any.</summary>
    public string? Profile { get; }

    /// <summary>Every required key the profile (and <c>[DEFAULT]</c>) lacks.</summary>
    public IReadOnlyList<string> MissingKeys { get; } = [];
}
