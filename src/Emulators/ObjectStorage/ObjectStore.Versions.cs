using System.Text.Json;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Object versioning: a bucket with versioning <c>Enabled</c> keeps every replaced or deleted object as a
/// previous version, and a delete leaves a delete marker; with versioning <c>Suspended</c>, versions made
/// while it was enabled are kept, new writes replace (docs/oci-facts.md §4). The current version stays in
/// <see cref="StoredBucket.Objects"/>; previous versions and markers live here, newest first, persisted as
/// <c>DIR/&lt;bucket&gt;/versions/&lt;sha256(name)&gt;.&lt;versionId&gt;.json</c> beside their data files in <c>objects/</c>.
/// </summary>
internal sealed partial class ObjectStore
{
    private const string VersionsFolder = "versions";

    // bucket name → object name → previous versions and delete markers, newest first. Guarded by _gate;
    // an object's entry changes only while its lock is held too.
    private readonly Dictionary<string, Dictionary<string, List<ObjectVersion>>> _previousVersions = new(StringComparer.Ordinal);

    /// <summary>The version <paramref name="versionId"/> of an object, or null when it is unknown or a delete marker.</summary>
    public StoredObject? GetObjectVersion(StoredBucket bucket, string name, string versionId)
    {
        lock (_gate)
        {
            if (bucket.Objects.TryGetValue(name, out var current) && current.VersionId == versionId)
            {
                return current;
            }

            return PreviousVersions(bucket, name).FirstOrDefault(v => v.VersionId == versionId)?.Object;
        }
    }

    /// <summary>
    /// Permanently deletes one version (OCI: a delete naming a version id is never undone). When that leaves
    /// no current version (the current one, or the delete marker on top, was deleted), the newest previous
    /// version becomes current again, unless it is itself a delete marker.
    /// </summary>
    public VersionDeletion DeleteObjectVersion(StoredBucket bucket, string name, string versionId)
    {
        // Rare: its file I/O stays under _gate too.
        using var held = HoldObjects(bucket, name);
        if (held is null)
        {
            return new VersionDeletion(Found: false, IsDeleteMarker: false, WasCurrent: false, Deleted: null, Promoted: null);
        }

        lock (_gate)
        {
            var history = PreviousVersions(bucket, name);
            if (bucket.Objects.TryGetValue(name, out var current) && current.VersionId == versionId)
            {
                bucket.Objects.Remove(name);
                bucket.Names.Remove(name);
                var promoted = PromoteNewest(bucket, history);
                if (promoted is null && _dataDirectory is not null)
                {
                    File.Delete(MetadataPath(bucket.Name, name));
                }

                current.Content.Delete();
                return new VersionDeletion(Found: true, IsDeleteMarker: false, WasCurrent: true, Deleted: current, Promoted: promoted);
            }

            var version = history.FirstOrDefault(v => v.VersionId == versionId);
            if (version is null)
            {
                return new VersionDeletion(Found: false, IsDeleteMarker: false, WasCurrent: false, Deleted: null, Promoted: null);
            }

            var wasLatest = current is null && ReferenceEquals(history[0], version);
            RemovePreviousVersion(bucket, version);
            version.Object?.Content.Delete();
            return new VersionDeletion(Found: true, version.IsDeleteMarker, WasCurrent: false, version.Object, wasLatest ? PromoteNewest(bucket, history) : null);
        }
    }

    /// <summary>
    /// Every version of the objects in listing order, each object's newest first (the current version, then
    /// previous versions and delete markers), filtered by the bounds ListObjectVersions shares with ListObjects.
    /// </summary>
    public IReadOnlyList<ObjectVersion> SnapshotVersions(StoredBucket bucket, string? prefix, string? start, string? startAfter, string? end)
    {
        var comparer = Utf8NameComparer.Instance;
        lock (_gate)
        {
            var names = new SortedSet<string>(bucket.Names, comparer);
            if (_previousVersions.TryGetValue(bucket.Name, out var byName))
            {
                names.UnionWith(byName.Keys);
            }

            var result = new List<ObjectVersion>();
            foreach (var name in names)
            {
                if ((start is not null && comparer.Compare(name, start) < 0)
                    || (startAfter is not null && comparer.Compare(name, startAfter) <= 0)
                    || (prefix is not null && !name.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    continue;
                }

                if (end is not null && comparer.Compare(name, end) >= 0)
                {
                    break;
                }

                if (bucket.Objects.TryGetValue(name, out var current))
                {
                    result.Add(new ObjectVersion(name, current.VersionId, current.TimeModified, current));
                }

                result.AddRange(PreviousVersions(bucket, name));
            }

            return result;
        }
    }

    private bool HasPreviousVersions(StoredBucket bucket) =>
        _previousVersions.TryGetValue(bucket.Name, out var byName) && byName.Count > 0;

    private List<ObjectVersion> PreviousVersions(StoredBucket bucket, string name) =>
        _previousVersions.TryGetValue(bucket.Name, out var byName) && byName.TryGetValue(name, out var history) ? history : [];

    /// <summary>Makes the newest previous version current, if it is an object (not a delete marker).</summary>
    private StoredObject? PromoteNewest(StoredBucket bucket, List<ObjectVersion> history)
    {
        if (history is not [{ Object: { } newest } first, ..])
        {
            return null;
        }

        bucket.Objects[newest.Name] = newest;
        bucket.Names.Add(newest.Name);
        SaveCurrent(bucket, newest);
        RemovePreviousVersion(bucket, first);
        return newest;
    }

    /// <summary>
    /// The previous version <paramref name="replaced"/> becomes if the bucket versions it, else null: always with
    /// versioning enabled (an object written before versioning was turned on gets its version id now), and with
    /// versioning suspended only a version made while it was enabled.
    /// </summary>
    private static ObjectVersion? VersionToRetain(string versioning, StoredObject replaced)
    {
        var keep = versioning == "Enabled" || (versioning == "Suspended" && replaced.VersionId is not null);
        if (!keep)
        {
            return null;
        }

        var version = replaced.VersionId is null ? replaced with { VersionId = Guid.NewGuid().ToString("D") } : replaced;
        return new ObjectVersion(version.Name, version.VersionId, version.TimeModified, version);
    }

    /// <summary>Writes a previous version's record (its data file is already in place).</summary>
    private void SaveVersion(StoredBucket bucket, ObjectVersion version)
    {
        Directory.CreateDirectory(Path.Combine(BucketDirectory(bucket.Name), VersionsFolder));
        WriteAtomically(VersionPath(bucket.Name, version), JsonSerializer.SerializeToUtf8Bytes(version, ObjectStoreJsonContext.Default.ObjectVersion));
    }

    private void RemovePreviousVersion(StoredBucket bucket, ObjectVersion version)
    {
        var byName = _previousVersions[bucket.Name];
        var history = byName[version.Name];
        history.Remove(version);
        if (history.Count == 0)
        {
            byName.Remove(version.Name);
        }

        if (_dataDirectory is not null)
        {
            File.Delete(VersionPath(bucket.Name, version));
        }
    }

    /// <summary>Rewrites the metadata of a current object whose bytes are already in place.</summary>
    private void SaveCurrent(StoredBucket bucket, StoredObject stored)
    {
        if (_dataDirectory is not null)
        {
            WriteAtomically(MetadataPath(bucket.Name, stored.Name), JsonSerializer.SerializeToUtf8Bytes(stored, ObjectStoreJsonContext.Default.StoredObject));
        }
    }

    /// <summary>
    /// Loads a bucket's previous versions; returns the data files they hold, which are not orphans. A version
    /// file that cannot be read, is not named for the version it holds, or whose data file is missing or lies
    /// elsewhere is reported, kept with its data (its key goes into <paramref name="unreadableKeys"/>), and
    /// keeps the bucket from being deleted.
    /// </summary>
    private List<string> LoadPreviousVersions(StoredBucket bucket, string objectsDirectory, HashSet<string> unreadableKeys)
    {
        var dataFiles = new List<string>();
        var folder = Path.Combine(BucketDirectory(bucket.Name), VersionsFolder);
        if (!Directory.Exists(folder))
        {
            return dataFiles;
        }

        var loaded = new List<ObjectVersion>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            var version = ReadRecord(file, ObjectStoreJsonContext.Default.ObjectVersion, "object version");
            if (version is not null && VersionProblem(bucket, version, file, objectsDirectory) is { } problem)
            {
                _loadProblems.Add(problem);
                version = null;
            }

            if (version is null)
            {
                unreadableKeys.Add(Path.GetFileName(file).Split('.')[0]);
                Unreadable(bucket.Name).Add(file);
                continue;
            }

            if (bucket.Objects.TryGetValue(version.Name, out var current) && current.VersionId == version.VersionId)
            {
                // Saved as previous just before a crash that kept it current: it is still the current version.
                File.Delete(file);
                continue;
            }

            if (version.Object is { } stored)
            {
                dataFiles.Add(stored.DataFile!);
                var dataPath = Path.Combine(objectsDirectory, stored.DataFile!);
                version = version with { Object = stored with { Content = new FileObjectContent(dataPath, stored.Size) } };
            }

            loaded.Add(version);
        }

        // Oldest first, so each insertion at the front leaves the newest first.
        foreach (var version in loaded.OrderBy(v => v.TimeModified))
        {
            History(bucket.Name, version.Name).Insert(0, version);
        }

        return dataFiles;
    }

    /// <summary>Why a version record read from <paramref name="file"/> cannot be served, or null when it can.</summary>
    private string? VersionProblem(StoredBucket bucket, ObjectVersion version, string file, string objectsDirectory)
    {
        // The version id builds the file's path when the version is deleted: it must be the file's own name.
        if (version.Name is null || version.VersionId is null || VersionPath(bucket.Name, version) != file)
        {
            return $"'{file}' holds the version '{version.VersionId}' of object '{version.Name}', which is not the version its file name stands for; the version is not served and the file is left in place.";
        }

        if (version.Object is not { } stored)
        {
            return null;
        }

        var dataPath = stored.DataFile is { } dataFile ? Path.Combine(objectsDirectory, dataFile) : null;
        return dataPath is null || Path.GetDirectoryName(dataPath) != objectsDirectory || !File.Exists(dataPath) || new FileInfo(dataPath).Length != stored.Size
            ? $"The version '{version.VersionId}' of object '{version.Name}' in bucket '{bucket.Name}' has metadata ('{file}') but its data file '{dataPath}' is missing, outside the bucket's objects folder or has the wrong length; the version is not served and its files are left in place."
            : null;
    }

    private List<ObjectVersion> History(string bucketName, string name)
    {
        if (!_previousVersions.TryGetValue(bucketName, out var byName))
        {
            _previousVersions[bucketName] = byName = new Dictionary<string, List<ObjectVersion>>(StringComparer.Ordinal);
        }

        if (!byName.TryGetValue(name, out var history))
        {
            byName[name] = history = [];
        }

        return history;
    }

    private string VersionPath(string bucketName, ObjectVersion version) =>
        Path.Combine(BucketDirectory(bucketName), VersionsFolder, $"{NameKey(version.Name)}.{version.VersionId}.json");
}
