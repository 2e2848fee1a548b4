namespace DevHarness.Hosting.Oci;

/// <summary>
/// Where an emulator keeps its data: the given path (relative to the AppHost project), or
/// <c>.devharness/&lt;resource&gt;</c> beside the AppHost project, as Aspire's Azure Storage emulator defaults
/// to <c>.azurite/&lt;resource&gt;</c>: found where the AppHost is, kept across runs, easy to delete.
/// </summary>
internal static class DataFolder
{
    public const string DefaultRoot = ".devharness";

    public static string Resolve(IDistributedApplicationBuilder builder, string resourceName, string? path) =>
        Path.GetFullPath(path ?? Path.Combine(DefaultRoot, resourceName), builder.AppHostDirectory);
}
