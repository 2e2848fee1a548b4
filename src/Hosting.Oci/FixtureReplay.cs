namespace DevHarness.Hosting.Oci;

/// <summary>
/// The <c>replay</c> command line shared by the replay resource and the <i>Replay fixtures</i> command:
/// recorded events sent straight to the function under the Fn contract, rewritten to the rule's namespace and
/// bucket, their objects seeded first when the emulator stands in for Object Storage.
/// </summary>
internal static class FixtureReplay
{
    public static async Task<List<string>> ArgumentsAsync(
        IDistributedApplicationBuilder app, OciEventsRule rule, string eventsDirectory, CancellationToken cancellationToken)
    {
        var objectStorage = rule.ObjectStorage;
        var arguments = new List<string>
        {
            EmulatorPackage.Locate(app), "replay", eventsDirectory,
            "--target", (await rule.Target.GetValueAsync(cancellationToken))!,
            "--bucket", rule.Bucket,
        };
        if (objectStorage.Emulator is { } emulator)
        {
            arguments.AddRange(["--namespace", emulator.Namespace, "--objectstorage", (await emulator.Url.GetValueAsync(cancellationToken))!]);
        }
        else
        {
            arguments.AddRange(["--namespace", objectStorage.Namespace
                ?? throw new DistributedApplicationException($"Object Storage '{objectStorage.Name}' has no namespace to rewrite the fixtures to: call WithNamespace(…).")]);
        }

        return arguments;
    }

    /// <summary>Runs <c>replay</c> against the function; its summary table is the command's result.</summary>
    public static IResourceBuilder<T> WithReplayFixturesCommand<T>(
        this IResourceBuilder<T> function, IDistributedApplicationBuilder app, OciEventsRule rule, string eventsDirectory)
        where T : IResource
    {
#pragma warning disable ASPIREPROCESSCOMMAND001 // Evaluation API, chosen because it returns the replay's own summary table to the dashboard.
        return function.WithProcessCommand(
            OciDashboardCommands.ReplayFixtures,
            "Replay fixtures",
            async context => new ProcessCommandSpec("dotnet")
            {
                Arguments = await ArgumentsAsync(app, rule, eventsDirectory, context.CancellationToken),
                WorkingDirectory = app.AppHostDirectory,
            },
            new ProcessCommandOptions
            {
                Description = $"Send every recorded event in {eventsDirectory} to the function (seeding the objects they name).",
                IconName = "ArrowRepeatAll",
                IsHighlighted = true,
                MaxOutputLineCount = 200,
                UpdateState = OciDashboardCommands.RunningOnly,
            });
#pragma warning restore ASPIREPROCESSCOMMAND001
    }
}
