using Microsoft.Extensions.DependencyInjection;

namespace DevHarness.Hosting.Oci.Tests;

/// <summary>
/// Builds an app model without starting it: a builder with no dashboard, an emulators path that exists (a
/// stand-in file), and endpoints "allocated" at their fixed ports, as DCP would, so arguments, environment
/// and connection strings can be evaluated.
/// </summary>
internal static class AppModel
{
    public static readonly string EmulatorsDll = CreateEmulatorsStandIn();

    public static IDistributedApplicationBuilder CreateBuilder(params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = [$"--{EmulatorPackage.EnvironmentVariable}={EmulatorsDll}", .. args],
            DisableDashboard = true,
            AssemblyName = typeof(AppModel).Assembly.GetName().Name,
        });

    public static DistributedApplicationModel Build(IDistributedApplicationBuilder builder, out DistributedApplication app)
    {
        app = builder.Build();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var next = 40000;
        foreach (var endpoint in model.Resources.SelectMany(r => r.Annotations.OfType<EndpointAnnotation>()))
        {
            endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "localhost", endpoint.Port ?? next++);
        }

        return model;
    }

    // The obsolete helpers evaluate exactly what DCP would be given, in one call, as Aspire's own AddKafkaTests do;
    // their replacement (ExecutionConfigurationBuilder) needs an execution context and a logger for the same answer.
#pragma warning disable CS0618
    public static async Task<string[]> ArgumentsAsync(IResource resource) =>
        [.. await ((IResourceWithArgs)resource).GetArgumentValuesAsync()];

    public static async Task<Dictionary<string, string>> EnvironmentAsync(IResource resource) =>
        await ((IResourceWithEnvironment)resource).GetEnvironmentVariableValuesAsync();
#pragma warning restore CS0618

    public static async Task<string?> ConnectionStringAsync(IResourceWithConnectionString resource) =>
        await resource.ConnectionStringExpression.GetValueAsync(TestContext.Current.CancellationToken);

    /// <summary>The value after <paramref name="option"/> in a command line.</summary>
    public static string? ValueOf(string[] arguments, string option)
    {
        var index = Array.IndexOf(arguments, option);
        return index >= 0 && index + 1 < arguments.Length ? arguments[index + 1] : null;
    }

    // In the test output, not a temporary folder: one left behind per test run otherwise.
    private static string CreateEmulatorsStandIn()
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "emulators-stand-in"));
        var path = Path.Combine(folder.FullName, "DevHarness.Emulators.dll");
        File.WriteAllBytes(path, []);
        return path;
    }
}
