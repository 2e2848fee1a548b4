using System.CommandLine;

namespace DevHarness.Emulators.Replay;

/// <summary>The <c>generate-event</c> subcommand. Placeholder until its issue lands.</summary>
internal static class GenerateEventCommand
{
    public static Command Create()
    {
        var command = new Command("generate-event", "Not implemented yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("generate-event: not implemented yet");
            return 2;
        });
        return command;
    }
}
