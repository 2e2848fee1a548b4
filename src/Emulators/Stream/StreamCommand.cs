using System.CommandLine;

namespace DevHarness.Emulators.Stream;

/// <summary>The <c>stream</c> subcommand. Placeholder until its issue lands.</summary>
internal static class StreamCommand
{
    public static Command Create()
    {
        var command = new Command("stream", "Not implemented yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("stream: not implemented yet");
            return 2;
        });
        return command;
    }
}
