using System.Globalization;

namespace DevHarness.Hosting.Oci;

/// <summary>The command lines of <c>dotnet DevHarness.Emulators.dll &lt;subcommand&gt; …</c>, shared by every emulator resource.</summary>
internal static class EmulatorArguments
{
    /// <summary>Starts an emulator command line: the emulators' assembly, then the subcommand and where to listen.</summary>
    public static void Begin(CommandLineArgsCallbackContext context, IDistributedApplicationBuilder builder, string subcommand, EndpointReference http)
    {
        context.Args.Add(EmulatorPackage.Locate(builder));
        context.Args.Add(subcommand);
        context.Args.Add("--host");
        context.Args.Add(EmulatorHost.Address);
        context.Args.Add("--port");
        context.Args.Add(http.Property(EndpointProperty.TargetPort));
    }

    public static void Add(CommandLineArgsCallbackContext context, string option, string? value)
    {
        if (value is not null)
        {
            context.Args.Add(option);
            context.Args.Add(value);
        }
    }

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
