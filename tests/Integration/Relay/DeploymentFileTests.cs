using System.Text.RegularExpressions;
using DevHarness.Support;

namespace DevHarness.Integration.Relay;

/// <summary>
/// The Dockerfile and func.yaml cannot be built here (no Docker); these checks hold them to the project
/// they package: the right csproj, paths that exist, the right entry assembly, non-root, no keys.
/// </summary>
public sealed partial class DeploymentFileTests
{
    private static string Root => Path.GetDirectoryName(RelayTestBed.FixturesDirectory)!;

    private static string FunctionDirectory => Path.Combine(Root, "src", "Relay.Function");

    [Fact]
    public void DockerfilePublishesTheRelayProjectFromPathsThatExist()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(FunctionDirectory, "Dockerfile"));

        var publish = Assert.Single(dockerfile, l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal));
        Assert.Contains("src/Relay.Function/Relay.Function.csproj", publish, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Root, "src/Relay.Function/Relay.Function.csproj")));

        var copies = dockerfile.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var parts = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[1..^1])
            {
                Assert.True(File.Exists(Path.Combine(Root, source)) || Directory.Exists(Path.Combine(Root, source)),
                    $"The Dockerfile copies '{source}', which is not in the repository.");
            }
        }

        // Every project the relay references is copied in before the restore.
        var csproj = File.ReadAllText(Path.Combine(FunctionDirectory, "Relay.Function.csproj"));
        foreach (Match reference in ProjectReference().Matches(csproj))
        {
            var path = Path.GetRelativePath(Root, Path.GetFullPath(Path.Combine(FunctionDirectory, reference.Groups["path"].Value))).Replace('\\', '/');
            Assert.Contains(copies, c => c.Contains(path, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void DockerfileRunsTheRelayAssemblyAsNonRootWithoutKeys()
    {
        var text = File.ReadAllText(Path.Combine(FunctionDirectory, "Dockerfile"));

        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:", text, StringComparison.Ordinal);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^USER 1000(:1000)?$", text);
        var entry = EntryPoint().Match(text);
        Assert.True(entry.Success, "No ENTRYPOINT running dotnet <dll>.");
        Assert.Equal(Path.GetFileName(RelayProcess.FunctionDll), Path.GetFileName(entry.Groups["dll"].Value));
        Assert.DoesNotMatch(@"(?i)\.pem|oci_api_key|PRIVATE_KEY|AUTH_TOKEN|\.oci/", text.Replace("No key material", "", StringComparison.Ordinal));
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

    [GeneratedRegex(@"<ProjectReference Include=""(?<path>[^""]+)""")]
    private static partial Regex ProjectReference();

    [GeneratedRegex(@"ENTRYPOINT \[""dotnet"", ""(?<dll>[^""]+\.dll)""\]")]
    private static partial Regex EntryPoint();
}
