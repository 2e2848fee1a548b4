using System.Text.Json.Nodes;

namespace DevHarness.Unit.Events;

/// <summary>The sample events of docs/oci-facts.md §1.2–1.5, copied next to the test assembly.</summary>
internal static class EventSamples
{
    public const string ConsoleCreate = "sample-a-createobject-console.json";
    public const string LiveCreate = "sample-b-createobject-live.json";
    public const string VersionedUpdate = "sample-c-updateobject-versioned.json";
    public const string Delete = "sample-d-deleteobject.json";

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Events", "Samples", name));

    /// <summary>Sample B (the live createobject) after <paramref name="change"/>, as JSON text.</summary>
    public static string LiveCreateWith(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(Bytes(LiveCreate))!.AsObject();
        change(root);
        return root.ToJsonString();
    }
}
