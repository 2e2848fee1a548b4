using System.CommandLine;

namespace DevHarness.Emulators.Replay;

/// <summary>The <c>replay</c> subcommand. Placeholder until its issue lands.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var command = new Command("replay", "Not implemented yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("replay: not implemented yet");
            return 2;
        });
        return command;
    }
}
