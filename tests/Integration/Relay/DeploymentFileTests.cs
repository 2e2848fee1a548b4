using System.Text.RegularExpressions;
using DevHarness.Support;

namespace DevHarness.Integration.Relay;

/// <summary>
/// The Dockerfile, .dockerignore and func.yaml cannot be built here (no Docker); these checks hold them to the
/// project they package: the Native AOT publish of the right csproj from paths that exist and are not ignored,
/// a cross-compiling build stage, a minimal base, OCI Functions' user fn, the executable the tests run, no keys.
/// </summary>
public sealed partial class DeploymentFileTests
{
    private static string Root => Path.GetDirectoryName(RelayTestBed.FixturesDirectory)!;

    private static string FunctionDirectory => Path.Combine(Root, "src", "Relay.Function");

    private static string[] Dockerfile => File.ReadAllLines(Path.Combine(FunctionDirectory, "Dockerfile"));

    private static string DockerfileText => File.ReadAllText(Path.Combine(FunctionDirectory, "Dockerfile"));

    /// <summary>The Dockerfile's instructions, continuation lines joined, comments dropped.</summary>
    private static List<string> Instructions
    {
        get
        {
            var joined = string.Join('\n', Dockerfile.Where(l => !l.TrimStart().StartsWith('#'))).Replace("\\\n", " ", StringComparison.Ordinal);
            return [.. joined.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
        }
    }

    [Fact]
    public void DockerfilePublishesTheRelayProjectAsNativeAotFromPathsThatExist()
    {
        var publish = Assert.Single(Instructions, l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal));
        Assert.Contains("src/Relay.Function/Relay.Function.csproj", publish, StringComparison.Ordinal);
        Assert.Matches(@"<PublishAot>true</PublishAot>", File.ReadAllText(Path.Combine(FunctionDirectory, "Relay.Function.csproj")));

        var copies = LocalCopies();
        Assert.NotEmpty(copies);
        foreach (var source in copies.SelectMany(c => c.Sources))
        {
            Assert.True(File.Exists(Path.Combine(Root, source)) || Directory.Exists(Path.Combine(Root, source)),
                $"The Dockerfile copies '{source}', which is not in the repository.");
        }

        // Every project the relay references is copied in before the restore.
        var restore = Instructions.FindIndex(l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var csproj = File.ReadAllText(Path.Combine(FunctionDirectory, "Relay.Function.csproj"));
        foreach (Match reference in ProjectReference().Matches(csproj))
        {
            var path = Path.GetRelativePath(Root, Path.GetFullPath(Path.Combine(FunctionDirectory, reference.Groups["path"].Value))).Replace('\\', '/');
            Assert.Contains(Instructions.Take(restore), l => l.StartsWith("COPY ", StringComparison.Ordinal) && l.Contains(path, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TheBuildStageRunsOnTheBuildPlatformAndCompilesForTheTarget()
    {
        var stages = Instructions.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, stages.Count);
        Assert.Matches(@"^FROM --platform=\$BUILDPLATFORM mcr\.microsoft\.com/dotnet/sdk:10\.0-\S*aot AS build$", stages[0]);
        Assert.Contains("ARG TARGETARCH", Instructions);
        Assert.Contains("ARG BUILDARCH", Instructions);
        Assert.Contains("-a \"$TARGETARCH\"", Assert.Single(Instructions, l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("-a \"$TARGETARCH\"", Assert.Single(Instructions, l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal)), StringComparison.Ordinal);

        // The cross toolchain for either direction between the two architectures Native AOT cross-compiles.
        var cross = Assert.Single(Instructions, l => l.Contains("$TARGETARCH\" != \"$BUILDARCH", StringComparison.Ordinal));
        Assert.Contains("gcc-aarch64-linux-gnu", cross, StringComparison.Ordinal);
        Assert.Contains("gcc-x86-64-linux-gnu", cross, StringComparison.Ordinal);
        Assert.Contains("zlib1g-dev:$TARGETARCH", cross, StringComparison.Ordinal);
    }

    [Fact]
    public void TheImageRunsTheNativeExecutableAsUserFnOnAMinimalBaseWithoutKeys()
    {
        var runtime = Instructions.Last(l => l.StartsWith("FROM ", StringComparison.Ordinal));

        // No SDK, no ASP.NET or .NET runtime: only what a native executable needs, without a shell.
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/runtime-deps:10\.0-\S*chiseled$", runtime);
        Assert.Equal("USER fn", Instructions.Last(l => l.StartsWith("USER ", StringComparison.Ordinal)));
        Assert.Contains(@"fn:x:1000:1000:", DockerfileText, StringComparison.Ordinal);
        Assert.Contains(@"fn:x:1000:", DockerfileText, StringComparison.Ordinal);

        var entry = EntryPoint().Match(DockerfileText);
        Assert.True(entry.Success, "No ENTRYPOINT running an executable under /function.");
        Assert.Equal(Path.GetFileName(RelayBuild.Aot.Path), entry.Groups["name"].Value);
        Assert.Contains($"cp /publish/{entry.Groups["name"].Value} /rootfs/function/", DockerfileText, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?i)\.pem|oci_api_key|PRIVATE_KEY|AUTH_TOKEN|\.oci/", DockerfileText.Replace("No key material", "", StringComparison.Ordinal));
    }

    [Fact]
    public void DockerignoreKeepsLocalBuildOutputOutOfTheContextButNotWhatTheDockerfileCopies()
    {
        var patterns = File.ReadAllLines(Path.Combine(Root, ".dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.Contains("**/bin/", patterns);
        Assert.Contains("**/obj/", patterns);
        foreach (var source in LocalCopies().SelectMany(c => c.Sources))
        {
            var ignoredBy = patterns.FirstOrDefault(p => Ignores(p, source.TrimEnd('/')));
            Assert.True(ignoredBy is null, $"'{source}' is copied by the Dockerfile but .dockerignore's '{ignoredBy}' leaves it out.");
        }

        Assert.True(Ignores("**/bin/", "src/Relay.Function/bin"));
        Assert.True(Ignores("**/obj/", "src/Oci/obj"));
    }

    [Fact]
    public void FuncYamlDeclaresADockerRuntimeWithMemoryAndTimeout()
    {
        var yaml = File.ReadAllLines(Path.Combine(FunctionDirectory, "func.yaml"))
            .Where(l => !l.TrimStart().StartsWith('#') && l.Contains(':', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim(), l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());

        Assert.Equal("docker", yaml["runtime"]);
        Assert.Equal("20180708", yaml["schema_version"]);
        Assert.Contains(yaml["memory"], new[] { "128", "256", "512", "1024", "2048", "3072" });
        Assert.InRange(int.Parse(yaml["timeout"], System.Globalization.CultureInfo.InvariantCulture), 30, 300);
    }

    /// <summary>The build-context COPY instructions (not <c>--from</c>): their sources, all but the last word.</summary>
    private static List<(string Line, string[] Sources)> LocalCopies() =>
        [.. Instructions.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal))
            .Select(l => (l, l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]))];

    /// <summary>Docker's .dockerignore match for the patterns this repository uses: <c>**/</c> for any depth, a trailing <c>/</c> for a directory.</summary>
    private static bool Ignores(string pattern, string path)
    {
        var body = pattern.TrimEnd('/');
        var regex = "^" + Regex.Escape(body).Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "(/.*)?$";
        return Regex.IsMatch(path, regex);
    }

    [GeneratedRegex(@"<ProjectReference Include=""(?<path>[^""]+)""")]
    private static partial Regex ProjectReference();

    [GeneratedRegex(@"ENTRYPOINT \[""/function/(?<name>[^""/]+)""\]")]
    private static partial Regex EntryPoint();
}
