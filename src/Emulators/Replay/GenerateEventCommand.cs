using System.CommandLine;
using DevHarness.Emulators.Events;

namespace DevHarness.Emulators.Replay;

/// <summary>
/// The <c>generate-event</c> subcommand: prints a new Object Storage event in OCI's exact shape (fresh
/// eventID and time), to start a fixture or to pipe into <c>replay -</c>, as SAM's generate-event does.
/// </summary>
internal static class GenerateEventCommand
{
    private static readonly string[] Types = ["createobject", "updateobject", "deleteobject", "createbucket", "updatebucket", "deletebucket"];

    public static Command Create()
    {
        var type = new Argument<string>("type") { Description = string.Join("|", Types) };
        type.AcceptOnlyFromAmong(Types);
        var ns = new Option<string>("--namespace") { Description = "Object Storage namespace.", DefaultValueFactory = _ => "devharness" };
        var bucket = new Option<string>("--bucket") { Description = "Bucket name.", DefaultValueFactory = _ => "uploads" };
        var objectName = new Option<string?>("--object") { Description = "Object name (required for object events)." };
        var etag = new Option<string?>("--etag") { Description = "The eTag to report (default: a new UUID)." };
        var versionId = new Option<string?>("--version-id") { Description = "Add additionalDetails.versionId, as on a versioned bucket." };
        var compartment = new Option<string>("--compartment") { Description = "Compartment OCID.", DefaultValueFactory = _ => ObjectStorageEventFacts.DefaultCompartmentId };
        var command = new Command("generate-event", "Print a new OCI Object Storage event (exact OCI shape) for a fixture or for 'replay -'.")
        {
            type, ns, bucket, objectName, etag, versionId, compartment,
        };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var eventType = result.GetValue(type)!;
            var name = result.GetValue(objectName);
            var isObjectEvent = eventType.EndsWith("object", StringComparison.Ordinal);
            if (isObjectEvent && string.IsNullOrEmpty(name))
            {
                await Console.Error.WriteLineAsync($"generate-event: {eventType} needs --object NAME.");
                return 1;
            }

            var facts = new ObjectStorageEventFacts(
                eventType,
                result.GetValue(ns)!,
                result.GetValue(bucket)!,
                isObjectEvent ? name : null,
                result.GetValue(etag) ?? Guid.NewGuid().ToString("D"),
                result.GetValue(versionId),
                CompartmentId: result.GetValue(compartment)!,
                CompartmentName: ObjectStorageEventFacts.CompartmentNameOf(result.GetValue(compartment)!));
            await Console.Out.WriteLineAsync(ObjectStorageEventBuilder.BuildIndented(facts, Guid.NewGuid(), DateTimeOffset.UtcNow).AsMemory(), cancellationToken);
            return 0;
        });
        return command;
    }
}
