namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// The entries of <c>--data-dir</c> that are the emulator's own, beside one directory per bucket. Bucket
/// names may start with a period, so these names are refused for buckets when persisting: a bucket there
/// would write into (or its deletion would remove) the emulator's own files.
/// </summary>
internal static class DataDirectoryEntries
{
    /// <summary>Uploads being received, renamed into place when complete.</summary>
    public const string Staging = ".staging";

    /// <summary>One directory per multipart upload in progress.</summary>
    public const string MultipartUploads = ".multipart-uploads";

    /// <summary>Every bucket's pre-authenticated requests (rewritten through <c>….tmp</c>).</summary>
    public const string PreauthenticatedRequests = ".preauthenticated-requests.json";

    public static bool IsReserved(string name) =>
        name is Staging or MultipartUploads or PreauthenticatedRequests or PreauthenticatedRequests + ".tmp";
}
