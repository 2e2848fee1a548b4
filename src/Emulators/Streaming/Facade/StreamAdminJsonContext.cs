using System.Text.Json.Serialization;

namespace DevHarness.Emulators.Streaming.Facade;

/// <summary>JSON for the emulator's own admin API (not an OCI API, so not in <c>OciJsonContext</c>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FaultRule))]
[JsonSerializable(typeof(List<FaultRule>))]
internal sealed partial class StreamAdminJsonContext : JsonSerializerContext;
