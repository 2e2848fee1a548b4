namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// <c>/workRequests</c>, <c>/workRequests/{id}</c> and its <c>/errors</c> and <c>/logs</c>: the one part of the
/// Object Storage API outside <c>/n/{namespace}</c> (work requests are found by compartment, not namespace).
/// </summary>
internal static class WorkRequestPath
{
    private const string Root = "/workRequests";

    public static OciPath? Parse(string path)
    {
        if (!path.StartsWith(Root, StringComparison.Ordinal) || (path.Length > Root.Length && path[Root.Length] != '/'))
        {
            return null;
        }

        return path[Root.Length..].Trim('/').Split('/') switch
        {
            [""] => new OciPath(OciPathKind.WorkRequests),
            [var id] => new OciPath(OciPathKind.WorkRequest, Detail: Uri.UnescapeDataString(id)),
            [var id, "errors"] => new OciPath(OciPathKind.WorkRequestErrors, Detail: Uri.UnescapeDataString(id)),
            [var id, "logs"] => new OciPath(OciPathKind.WorkRequestLogs, Detail: Uri.UnescapeDataString(id)),
            _ => new OciPath(OciPathKind.Unknown),
        };
    }
}
