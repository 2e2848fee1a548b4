using DevHarness.Support;

namespace DevHarness.Integration.Relay;

/// <summary>
/// The relay builds a process-level test runs against: the JIT build (<c>dotnet run</c>'s) and the Native AOT
/// executable the Dockerfile ships. The AOT one is built once per build of tests/Support, never per test.
/// </summary>
internal static class RelayBuilds
{
    /// <summary>Theory data: every build, by name.</summary>
    public static TheoryData<string> All => [RelayBuild.JitName, RelayBuild.AotName];

    /// <summary>
    /// The build OCI Functions runs (AOT) where it could be built, else the JIT one: for the few tests too costly to
    /// run twice (hundreds of MiB through the relay), which must still run where clang is missing.
    /// </summary>
    public static string Shipped => RelayBuild.AotUnavailableReason is null ? RelayBuild.AotName : RelayBuild.JitName;

    /// <summary>The named build; skips the test, saying why, when the AOT executable could not be built here.</summary>
    public static RelayBuild Get(string name)
    {
        if (name == RelayBuild.AotName && RelayBuild.AotUnavailableReason is { } reason)
        {
            Assert.Skip(reason);
        }

        return RelayBuild.Named(name);
    }
}
