namespace DevHarness.AppHost;

/// <summary>
/// The <c>replay</c> subcommand line shared by the start-up replay and the dashboard's Replay fixtures
/// command: the repository's <c>fixtures/events</c>, sent straight to the relay's <c>POST /call</c>.
/// </summary>
internal static class ReplayArguments
{
    public static IReadOnlyList<string> For(HarnessSettings settings, string appHostDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var fixtures = Path.GetFullPath(Path.Combine(appHostDirectory, "..", "..", "fixtures", "events"));
        var arguments = new List<string> { "replay", fixtures, "--target", $"{settings.Ports.RelayUrl}/call" };
        if (settings.Oci is { } oci)
        {
            // In a tenancy the fixtures name the user's namespace and bucket (DESIGN.md "Data flow, OCI profile").
            arguments.AddRange(["--namespace", oci.Namespace, "--bucket", oci.Bucket]);
        }
        else
        {
            arguments.AddRange(["--objectstorage", settings.Ports.ObjectStorageUrl]);
        }

        return arguments;
    }
}
