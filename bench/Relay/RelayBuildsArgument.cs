using DevHarness.Support;

namespace DevHarness.Benchmarks.Relay;

/// <summary>
/// <c>--builds jit,aot</c> (the default): which relay builds a scenario compares, side by side in one run.
/// A name is <c>jit</c> (the bench's own Release build, as <c>dotnet run</c> runs it), <c>aot</c> (the Native
/// AOT executable the Dockerfile ships, published by tests/Support's build), or a path to a .dll or an executable.
/// </summary>
internal static class RelayBuildsArgument
{
    public static IReadOnlyList<RelayBuild> Parse(string[] args)
    {
        var names = ScenarioArguments.String(args, "--builds", $"{RelayBuild.JitName},{RelayBuild.AotName}")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var builds = names.Select(RelayBuild.Named).ToList();
        foreach (var build in builds.Where(b => !File.Exists(b.Path)))
        {
            throw new FileNotFoundException(build.Name == RelayBuild.AotName
                ? RelayBuild.AotUnavailableReason
                : $"No relay build at {build.Path}.", build.Path);
        }

        return builds;
    }
}
