namespace DevHarness.Emulators.ObjectStorage;

/// <summary>Content types for seeded files, by extension; anything else is OCI's default.</summary>
internal static class ContentTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".json"] = "application/json",
        [".csv"] = "text/csv",
        [".txt"] = "text/plain",
        [".xml"] = "application/xml",
        [".html"] = "text/html",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".pdf"] = "application/pdf",
    };

    public static string ForName(string objectName) =>
        ByExtension.GetValueOrDefault(Path.GetExtension(objectName), "application/octet-stream");
}
