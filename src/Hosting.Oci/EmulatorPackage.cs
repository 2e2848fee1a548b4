using System.Reflection;

namespace DevHarness.Hosting.Oci;

/// <summary>
/// Finds the emulators' entry assembly. The <c>DevHarness.Hosting.Oci.Emulators</c> package writes its path
/// into the AppHost as an assembly attribute at build time (the way Aspire's AppHost finds DCP and the
/// dashboard); <c>DEVHARNESS_EMULATORS_PATH</c> overrides it, e.g. to run emulators built from source.
/// </summary>
internal static class EmulatorPackage
{
    public const string MetadataKey = "DevHarness.Emulators.Path";
    public const string EnvironmentVariable = "DEVHARNESS_EMULATORS_PATH";

    public static string Locate(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration[EnvironmentVariable];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new DistributedApplicationException($"{EnvironmentVariable}={configured}: no such file (it must name DevHarness.Emulators.dll).");
        }

        var fromPackage = builder.AppHostAssembly?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .LastOrDefault(a => a.Key == MetadataKey)?.Value;
        if (string.IsNullOrWhiteSpace(fromPackage))
        {
            throw new DistributedApplicationException(
                $"The OCI emulators were not found: the AppHost ({builder.AppHostAssembly?.GetName().Name}) carries no '{MetadataKey}' "
                + "attribute. Reference the DevHarness.Hosting.Oci package from the AppHost project (it brings DevHarness.Hosting.Oci.Emulators), "
                + $"or set {EnvironmentVariable} to the path of DevHarness.Emulators.dll.");
        }

        return File.Exists(fromPackage)
            ? fromPackage
            : throw new DistributedApplicationException(
                $"The OCI emulators are missing at {fromPackage} (named by the AppHost's '{MetadataKey}' attribute): restore the AppHost again (`dotnet restore`).");
    }
}
