using System.CommandLine;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>The <c>objectstorage</c> subcommand. Placeholder until its issue lands.</summary>
internal static class ObjectStorageCommand
{
    public static Command Create()
    {
        var command = new Command("objectstorage", "Not implemented yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("objectstorage: not implemented yet");
            return 2;
        });
        return command;
    }
}
