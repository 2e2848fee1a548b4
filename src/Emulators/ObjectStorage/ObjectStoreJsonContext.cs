using System.Text.Json.Serialization;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>The emulator's own on-disk metadata under <c>--data-dir</c> (not an OCI wire shape).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StoredBucket))]
[JsonSerializable(typeof(StoredObject))]
[JsonSerializable(typeof(ObjectVersion))]
[JsonSerializable(typeof(MultipartUpload))]
[JsonSerializable(typeof(List<PreauthenticatedRequest>))]
internal sealed partial class ObjectStoreJsonContext : JsonSerializerContext;
