using System.CommandLine;

namespace DevHarness.Emulators.Events;

/// <summary>The <c>events</c> subcommand. Placeholder until its issue lands.</summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var command = new Command("events", "Not implemented yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("events: not implemented yet");
            return 2;
        });
        return command;
    }
}
