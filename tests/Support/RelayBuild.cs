using System.Reflection;

namespace DevHarness.Support;

/// <summary>
/// A relay binary a <see cref="RelayProcess"/> runs: the JIT build (<c>dotnet DevHarness.Relay.Function.dll</c>
/// from the caller's output folder, where its project reference puts it, as <c>dotnet run</c> runs it) or the
/// Native AOT executable the Dockerfile ships, published once per build of this project
/// (<c>RelayAot.targets</c>) into <c>artifacts/relay-aot/</c>.
/// </summary>
public sealed record RelayBuild(string Name, string Path)
{
    public const string JitName = "jit";

    public const string AotName = "aot";

    private const string ExecutableName = "DevHarness.Relay.Function";

    /// <summary>The JIT build from the caller's output folder.</summary>
    public static RelayBuild Jit { get; } = new(JitName, System.IO.Path.Combine(AppContext.BaseDirectory, ExecutableName + ".dll"));

    /// <summary>The Native AOT executable, whether or not it has been built (see <see cref="AotUnavailableReason"/>).</summary>
    public static RelayBuild Aot { get; } = new(AotName, System.IO.Path.Combine(Metadata("RelayAotDirectory"), ExecutableName));

    /// <summary>Null when the AOT executable exists and is current; otherwise why it cannot be run.</summary>
    public static string? AotUnavailableReason =>
        string.Equals(Metadata("RelayAotSkipped"), "true", StringComparison.OrdinalIgnoreCase)
            ? "The Native AOT relay was not rebuilt (tests/Support was built with -p:SkipRelayAot=true)."
        : File.Exists(Aot.Path) ? null
        : $"The Native AOT relay was not built at {Aot.Path}: building tests/Support publishes it when clang and zlib "
          + "are installed (apt-get install clang zlib1g-dev; see the build output for the reason).";

    /// <summary>Runs under <c>dotnet</c> (a .dll) rather than as a native executable.</summary>
    public bool IsJit => Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    /// <summary><see cref="Jit"/> or <see cref="Aot"/> by name, or any other build by its path (a .dll or an executable).</summary>
    public static RelayBuild Named(string nameOrPath) => nameOrPath switch
    {
        JitName => Jit,
        AotName => Aot,
        _ => new RelayBuild(System.IO.Path.GetFileName(nameOrPath), System.IO.Path.GetFullPath(nameOrPath)),
    };

    /// <summary>The program and arguments that start this build.</summary>
    internal IEnumerable<string> CommandLine()
    {
        if (IsJit)
        {
            yield return Environment.ProcessPath is { } host && System.IO.Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
        }

        yield return Path;
    }

    private static string Metadata(string key) =>
        typeof(RelayBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value ?? "";
}
