namespace DevHarness.Integration.Replay;

internal static class FixturePaths
{
    /// <summary>The repository's <c>fixtures</c> directory, found upward from the test binaries.</summary>
    public static string Root { get; } = Find();

    public static string Events => Path.Combine(Root, "events");

    public static string Objects => Path.Combine(Root, "objects");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "fixtures", "events");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(directory.FullName, "fixtures");
            }
        }

        throw new DirectoryNotFoundException($"No fixtures/events above {AppContext.BaseDirectory}.");
    }
}
