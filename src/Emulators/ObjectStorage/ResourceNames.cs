using System.Text;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// The names a client supplies — namespace and bucket, in the path or a CreateBucket body — checked as OCI
/// checks them, before anything looks them up or builds a file path from them. OCI's rule for bucket names
/// (CreateBucketDetails in the SDKs): letters, digits, hyphens, underscores and periods; <c>.</c> and
/// <c>..</c> are refused too. Each method returns the 400 message, or null when the name is fine.
/// </summary>
internal static class ResourceNames
{
    public const int MaxNameLength = 256;

    private static readonly System.Buffers.SearchValues<char> NameCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? BucketProblem(string name) => Problem("bucket", name);

    public static string? NamespaceProblem(string name) => Problem("namespace", name);

    /// <summary>
    /// The 400 message for a request path whose percent-escapes do not decode to UTF-8 (<c>%FF%FE</c>), or
    /// whose namespace or bucket segment is not a valid name; null when the path's names are fine.
    /// </summary>
    public static string? PathProblem(string rawTarget, OciPath path)
    {
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = query < 0 ? rawTarget : rawTarget[..query];
        if (!IsUtf8(rawPath))
        {
            return $"The request path '{rawPath}' is not valid UTF-8 once its percent-escapes are decoded.";
        }

        return (path.Namespace is { } ns ? NamespaceProblem(ns) : null)
            ?? (path.Bucket is { } bucket ? BucketProblem(bucket) : null);
    }

    private static string? Problem(string what, string name)
    {
        if (name.Length is 0 or > MaxNameLength)
        {
            return $"The {what} name must be 1 to {MaxNameLength} characters long; '{Shorten(name)}' is {name.Length}.";
        }

        if (name is "." or "..")
        {
            return $"'{name}' is not a valid {what} name.";
        }

        var bad = name.AsSpan().IndexOfAnyExcept(NameCharacters);
        return bad < 0
            ? null
            : $"The {what} name '{Printable(Shorten(name))}' contains '{Printable(name[bad].ToString())}'; use only letters, digits, hyphens, underscores and periods.";
    }

    private static bool IsUtf8(string rawPath)
    {
        var bytes = new List<byte>(rawPath.Length);
        for (var i = 0; i < rawPath.Length; i++)
        {
            if (rawPath[i] == '%' && i + 2 < rawPath.Length && Uri.IsHexDigit(rawPath[i + 1]) && Uri.IsHexDigit(rawPath[i + 2]))
            {
                bytes.Add(Convert.ToByte(rawPath.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(rawPath[i].ToString()));
            }
        }

        try
        {
            StrictUtf8.GetString([.. bytes]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static string Shorten(string name) => name.Length <= 64 ? name : name[..64] + "…";

    /// <summary>Control characters and spaces shown as <c>U+XXXX</c>, so the message stays readable.</summary>
    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : c.ToString()));
}
