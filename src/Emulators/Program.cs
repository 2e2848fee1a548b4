using System.CommandLine;
using DevHarness.Emulators.Events;
using DevHarness.Emulators.ObjectStorage;
using DevHarness.Emulators.Replay;
using DevHarness.Emulators.Streaming;

// One executable, one subcommand per emulator (docs/architecture.md "The emulators"); each runs without Aspire.
var root = new RootCommand("DevHarness emulators: OCI Object Storage, Events, Streaming and a fixture replayer.")
{
    ObjectStorageCommand.Create(),
    EventsCommand.Create(),
    StreamCommand.Create(),
    ReplayCommand.Create(),
    GenerateEventCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
