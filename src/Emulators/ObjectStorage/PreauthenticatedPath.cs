namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// The shapes of a pre-authenticated request's URL (docs/oci-facts.md §9): <c>/p/{token}</c> in front of an ordinary
/// target, and for multipart uploads through a PAR, <c>…/u/{object}/id/{uploadId}/[{partNum}]</c>.
/// </summary>
internal static class PreauthenticatedPath
{
    private const string Prefix = "/p/";
    private const string UploadMarker = "/id/";

    /// <summary>Splits <c>/p/{token}/n/…</c> into the token and the target behind it.</summary>
    public static (string Token, string Target)? Split(string path)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var slash = path.IndexOf('/', Prefix.Length);
        return slash <= Prefix.Length ? null : (path[Prefix.Length..slash], path[slash..]);
    }

    /// <summary>
    /// Splits what follows <c>/u/</c> in a PAR multipart URL, <c>{object}/id/{uploadId}/[{partNum}]</c>, at its
    /// last <c>/id/</c> (object names may contain <c>/id/</c>; upload ids never do). An empty part number means
    /// the upload itself.
    /// </summary>
    public static (string ObjectName, string UploadId, string PartNumber)? SplitUpload(string objectPart)
    {
        var marker = objectPart.LastIndexOf(UploadMarker, StringComparison.Ordinal);
        if (marker <= 0)
        {
            return null;
        }

        var rest = objectPart[(marker + UploadMarker.Length)..].Split('/');
        return rest switch
        {
            [var uploadId] when uploadId.Length > 0 => (objectPart[..marker], uploadId, ""),
            [var uploadId, var part] when uploadId.Length > 0 => (objectPart[..marker], uploadId, part),
            _ => null,
        };
    }

    /// <summary>The access URI of an upload started through a PAR: parts go to <c>{uri}{partNum}</c>, commit and abort to <c>{uri}</c>.</summary>
    public static string UploadUri(string token, string ns, string bucket, string objectName, string uploadId) =>
        $"{Prefix}{token}/n/{Uri.EscapeDataString(ns)}/b/{Uri.EscapeDataString(bucket)}/u/{Uri.EscapeDataString(objectName)}{UploadMarker}{uploadId}/";
}
