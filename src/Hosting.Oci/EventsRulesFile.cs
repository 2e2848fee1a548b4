using System.Text.Json;
using System.Text.Json.Nodes;

namespace DevHarness.Hosting.Oci;

/// <summary>
/// Writes the events emulator's rules file, in the shape of OCI's console and Terraform rules: per
/// <c>WithObjectStorageEvents</c> call, object create/update/delete events of the bucket → the function's URL.
/// Written when the emulator starts, because the function's address is only known then.
/// </summary>
internal static class EventsRulesFile
{
    private static readonly string[] ObjectEventTypes =
    [
        "com.oraclecloud.objectstorage.createobject",
        "com.oraclecloud.objectstorage.updateobject",
        "com.oraclecloud.objectstorage.deleteobject",
    ];

    public static async Task<string> WriteAsync(OciEventsEmulatorResource events, CancellationToken cancellationToken)
    {
        var rules = new JsonArray();
        foreach (var rule in events.Rules)
        {
            rules.Add(new JsonObject
            {
                ["displayName"] = $"{rule.Bucket}-to-{rule.Function.Name}",
                ["isEnabled"] = true,
                ["condition"] = new JsonObject
                {
                    ["eventType"] = new JsonArray([.. ObjectEventTypes.Select(t => JsonValue.Create(t))]),
                    ["data"] = new JsonObject { ["additionalDetails"] = new JsonObject { ["bucketName"] = new JsonArray(JsonValue.Create(rule.Bucket)) } },
                },
                ["actions"] = new JsonArray(new JsonObject { ["target"] = await rule.Target.GetValueAsync(cancellationToken) }),
            });
        }

        var folder = Path.Combine(Path.GetTempPath(), "devharness", $"{events.Name}-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "rules.json");
        await File.WriteAllTextAsync(path, new JsonObject { ["rules"] = rules }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        return path;
    }
}
