using System.Text.Json.Serialization;

namespace DevHarness.Emulators.Events;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<DeadLetter>))]
[JsonSerializable(typeof(DeadLetter))]
[JsonSerializable(typeof(EventAccepted))]
[JsonSerializable(typeof(DevHarness.Oci.OciErrorBody))]
internal sealed partial class EventsJsonContext : JsonSerializerContext;
