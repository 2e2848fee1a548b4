using System.Text.Json.Serialization;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// One version of an object in a versioned bucket: the object as it was, or a delete marker
/// (<see cref="Object"/> absent). <see cref="VersionId"/> is null only for an object written while the
/// bucket did not version (it is then its only version).
/// </summary>
internal sealed record ObjectVersion(string Name, string? VersionId, DateTimeOffset TimeModified, StoredObject? Object)
{
    [JsonIgnore]
    public bool IsDeleteMarker => Object is null;
}
