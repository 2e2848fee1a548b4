using System.Text.Json;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// The tags a CreateBucket or UpdateBucket body sets; either part may be absent (an update then leaves it
/// as it is). Defined tags keep their values as JSON, since OCI allows any value type.
/// </summary>
internal sealed record BucketTags(
    IReadOnlyDictionary<string, string>? Freeform,
    IReadOnlyDictionary<string, Dictionary<string, JsonElement>>? Defined)
{
    /// <summary>Reads <c>freeformTags</c> and <c>definedTags</c> from an UpdateBucketDetails body.</summary>
    /// <exception cref="InvalidOperationException">A tag field does not have OCI's shape.</exception>
    public static BucketTags Read(JsonElement details)
    {
        Dictionary<string, string>? freeform = null;
        if (details.TryGetProperty("freeformTags", out var freeformElement) && freeformElement.ValueKind != JsonValueKind.Null)
        {
            freeform = freeformElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
        }

        Dictionary<string, Dictionary<string, JsonElement>>? defined = null;
        if (details.TryGetProperty("definedTags", out var definedElement) && definedElement.ValueKind != JsonValueKind.Null)
        {
            defined = definedElement.EnumerateObject().ToDictionary(
                ns => ns.Name,
                ns => ns.Value.EnumerateObject().ToDictionary(t => t.Name, t => t.Value.Clone(), StringComparer.Ordinal),
                StringComparer.Ordinal);
        }

        return new BucketTags(freeform, defined);
    }
}
