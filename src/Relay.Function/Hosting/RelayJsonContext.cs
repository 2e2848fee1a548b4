using System.Text.Json.Serialization;

namespace DevHarness.Relay.Hosting;

/// <summary>Source-generated JSON for the relay's own HTTP answers (camelCase, nulls omitted; AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CallResponse))]
internal sealed partial class RelayJsonContext : JsonSerializerContext;
