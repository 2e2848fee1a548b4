using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>What the operations added beside the core API share: reading their JSON bodies, tier names, metadata keys.</summary>
internal sealed partial class ObjectStorageApi
{
    private static readonly string[] StorageTiers = ["Standard", "InfrequentAccess", "Archive"];

    /// <summary>For responses: names and messages readable, not \u-escaped beyond what JSON needs (as the core API's).</summary>
    private static readonly ObjectStorageApiJsonContext Wire =
        new(new JsonSerializerOptions(ObjectStorageApiJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Reads an operation's JSON body; on failure <paramref name="error"/> is OCI's 400 naming what is wrong.</summary>
    private static T? ReadDetails<T>(JsonTypeInfo<T> typeInfo, string operation, string clientRequestId, out OciResponse? error)
        where T : class
    {
        error = null;
        try
        {
            var details = JsonSerializer.Deserialize(CurrentBody(), typeInfo);
            if (details is null)
            {
                error = OciResponse.Error(400, "CannotParseRequest", $"The {operation} body must be a JSON object, not null.", clientRequestId);
            }

            return details;
        }
        catch (JsonException ex)
        {
            error = OciResponse.Error(400, "CannotParseRequest", $"The {operation} body is not valid JSON for {operation}: {ex.Message}", clientRequestId);
            return null;
        }
    }

    private static string? ValidateStorageTier(string? tier, string field) =>
        tier is null || StorageTiers.Contains(tier, StringComparer.Ordinal)
            ? null
            : $"{field} must be one of {string.Join(", ", StorageTiers)}, not '{tier}'.";

    /// <summary>Metadata given in a JSON body (not as headers) must already carry the <c>opc-meta-</c> prefix (OCI's models say so).</summary>
    private static string? ValidateMetadataKeys(IReadOnlyDictionary<string, string>? metadata, string field) =>
        metadata?.Keys.FirstOrDefault(k => !k.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase)) is { } key
            ? $"{field} key '{key}' must start with '{MetadataPrefix}'."
            : null;

    private static Dictionary<string, string> NormalizeMetadata(IReadOnlyDictionary<string, string>? metadata) =>
        metadata?.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value, StringComparer.Ordinal) ?? new Dictionary<string, string>(StringComparer.Ordinal);
}
