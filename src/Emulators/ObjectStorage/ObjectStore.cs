using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DevHarness.Emulators.Events;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Buckets and objects, in memory or persisted under a data directory. <see cref="_gate"/> guards the
/// in-memory maps; a write to an object also holds that object's lock (<see cref="HoldObjects"/>) and does its
/// file I/O outside <see cref="_gate"/>, committing to memory only once its files are written, so readers never
/// see a write that a restart would lose and writes to different objects run in parallel. Files are written,
/// not fsynced, as the stream's log is: what was acknowledged survives the process being killed, not an OS
/// crash or power loss (a flush per file would cost a disk round trip per upload). Persistence layout:
/// <c>DIR/&lt;bucket&gt;/bucket.json</c>, <c>DIR/&lt;bucket&gt;/objects/&lt;sha256(name)&gt;.json</c> (metadata) and
/// <c>…/&lt;sha256(name)&gt;.&lt;etag&gt;.data</c> (bytes). Bytes are renamed into place first and metadata
/// second, each from a temporary file, so a crash leaves either the old object or the new one. Whatever the
/// API validated, no path built from a bucket name leaves the data directory, and a file that cannot be
/// read at start is reported by name (<see cref="LoadProblems"/>), left in place, and does not stop the rest.
/// </summary>
internal sealed partial class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _unreadable = new(StringComparer.Ordinal);
    private readonly List<string> _loadProblems = [];
    private readonly string? _dataDirectory;
    private readonly TimeProvider _clock;

    public ObjectStore(string namespaceName, string? dataDirectory, TimeProvider clock)
    {
        Namespace = namespaceName;
        _clock = clock;
        if (dataDirectory is not null)
        {
            _dataDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory));
            StagingDirectory = Path.Combine(_dataDirectory, DataDirectoryEntries.Staging);
            Directory.CreateDirectory(StagingDirectory);
            foreach (var leftover in Directory.EnumerateFiles(StagingDirectory))
            {
                File.Delete(leftover);
            }

            Load();
        }
    }

    public string Namespace { get; }

    /// <summary>Where uploads are staged when persisting (same file system as the objects, so renames are atomic).</summary>
    public string? StagingDirectory { get; }

    /// <summary>What could not be loaded from the data directory at start, one sentence per file, naming it.</summary>
    public IReadOnlyList<string> LoadProblems => _loadProblems;

    /// <summary>Creates the bucket, or returns null when it exists.</summary>
    /// <exception cref="IOException">The bucket's directory already exists on disk (an unreadable bucket, or
    /// one whose name differs only in case on a case-insensitive file system), or the name is one of the
    /// emulator's own entries there (<see cref="DataDirectoryEntries"/>): it is never written into.</exception>
    public StoredBucket? CreateBucket(string name, string compartmentId, bool objectEventsEnabled, string? versioning = null, IReadOnlyDictionary<string, string>? metadata = null, BucketTags? tags = null)
    {
        lock (_gate)
        {
            if (_buckets.ContainsKey(name))
            {
                return null;
            }

            if (_dataDirectory is not null && DataDirectoryEntries.IsReserved(name))
            {
                throw new IOException($"The bucket name '{name}' is taken by the emulator's own files in the data directory '{_dataDirectory}'; choose another name (or run without --data-dir).");
            }

            if (_dataDirectory is not null && Path.Exists(BucketDirectory(name)))
            {
                throw new IOException($"The data directory already holds '{BucketDirectory(name)}', which is not the bucket '{name}' (unreadable at start, or another bucket whose name differs only in case on a case-insensitive file system); the emulator does not write into it.");
            }

            var bucket = new StoredBucket
            {
                Name = name,
                CompartmentId = compartmentId,
                Id = ObjectStorageEventFacts.LocalBucketId(Namespace, name),
                TimeCreated = _clock.GetUtcNow(),
                ObjectEventsEnabled = objectEventsEnabled,
                Versioning = versioning ?? "Disabled",
            };
            foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
            {
                bucket.Metadata[key] = value;
            }

            SetTags(bucket, tags);
            _buckets.Add(name, bucket);
            SaveBucket(bucket);
            return bucket;
        }
    }

    public StoredBucket? GetBucket(string name)
    {
        lock (_gate)
        {
            return _buckets.GetValueOrDefault(name);
        }
    }

    public IReadOnlyList<StoredBucket> ListBuckets()
    {
        lock (_gate)
        {
            return [.. _buckets.Values.OrderBy(b => b.Name, Utf8NameComparer.Instance)];
        }
    }

    public void UpdateBucket(StoredBucket bucket, bool? objectEventsEnabled, string? versioning, BucketTags? tags = null)
    {
        lock (_gate)
        {
            SetTags(bucket, tags);
            if (objectEventsEnabled is { } enabled)
            {
                bucket.ObjectEventsEnabled = enabled;
            }

            if (versioning is not null)
            {
                bucket.Versioning = versioning;
            }

            bucket.ETag = Guid.NewGuid().ToString("D");
            SaveBucket(bucket);
        }
    }

    public BucketDeletion DeleteBucket(string name)
    {
        lock (_gate)
        {
            if (!_buckets.TryGetValue(name, out var bucket))
            {
                return BucketDeletion.NotFound;
            }

            if (bucket.Objects.Count > 0 || HasPreviousVersions(bucket) || bucket.WritesInFlight > 0)
            {
                return BucketDeletion.NotEmpty;
            }

            if (_unreadable.ContainsKey(name))
            {
                return BucketDeletion.HoldsUnreadableFiles;
            }

            _buckets.Remove(name);
            if (_dataDirectory is not null)
            {
                Directory.Delete(BucketDirectory(name), recursive: true);
            }

            return BucketDeletion.Deleted;
        }
    }

    public StoredObject? GetObject(StoredBucket bucket, string name)
    {
        lock (_gate)
        {
            return bucket.Objects.GetValueOrDefault(name);
        }
    }

    /// <summary>
    /// Adopts <paramref name="upload"/> as the new content of <paramref name="name"/> if the preconditions
    /// hold (checked under the object's lock, held until the write is committed, so If-Match/If-None-Match
    /// are race-free).
    /// </summary>
    public ObjectWrite PutObject(StoredBucket bucket, string name, StagedUpload upload, ObjectWriteDetails details, string? ifMatch, bool ifNoneMatchAny)
    {
        using var held = HoldObjects(bucket, name);
        return held is null
            ? new ObjectWrite(ObjectWriteOutcome.BucketNotFound, null, null)
            : PutHeld(bucket, name, upload, details, ifMatch, ifNoneMatchAny);
    }

    public ObjectWrite DeleteObject(StoredBucket bucket, string name, string? ifMatch)
    {
        using var held = HoldObjects(bucket, name);
        return held is null
            ? new ObjectWrite(ObjectWriteOutcome.BucketNotFound, null, null)
            : DeleteHeld(bucket, name, ifMatch);
    }

    /// <summary>PutObject with the object's lock held: files first (outside <see cref="_gate"/>), then memory.</summary>
    private ObjectWrite PutHeld(StoredBucket bucket, string name, StagedUpload upload, ObjectWriteDetails details, string? ifMatch, bool ifNoneMatchAny)
    {
        StoredObject? existing;
        string versioning;
        lock (_gate)
        {
            existing = bucket.Objects.GetValueOrDefault(name);
            versioning = bucket.Versioning;
        }

        if (ifNoneMatchAny && existing is not null)
        {
            return new ObjectWrite(ObjectWriteOutcome.AlreadyExists, existing, existing);
        }

        if (ifMatch is not null && !ETagMatches(ifMatch, existing))
        {
            return new ObjectWrite(ObjectWriteOutcome.ETagMismatch, null, existing);
        }

        var now = _clock.GetUtcNow();
        var etag = Guid.NewGuid().ToString("D");
        var stored = new StoredObject(
            name,
            upload.Content.Length,
            upload.Md5,
            etag,
            TimeCreated: now,
            TimeModified: now,
            details.ContentType,
            details.Metadata,
            details.StorageTier,
            versioning == "Enabled" ? Guid.NewGuid().ToString("D") : null,
            details.ContentLanguage,
            details.ContentEncoding,
            details.ContentDisposition,
            details.CacheControl)
        {
            Content = upload.Content,
        };

        // A versioned bucket keeps the replaced object as a previous version (saved before the new one, so a
        // crash in between never loses it).
        var retained = existing is null ? null : VersionToRetain(versioning, existing);
        if (_dataDirectory is not null)
        {
            if (retained is not null)
            {
                SaveVersion(bucket, retained);
            }

            stored = Persist(bucket, stored, (FileObjectContent)upload.Content);
        }

        upload.Adopted = true;
        lock (_gate)
        {
            if (retained is not null)
            {
                History(bucket.Name, name).Insert(0, retained);
            }

            bucket.Objects[name] = stored;
            bucket.Names.Add(name);
        }

        if (existing is not null && retained is null && !ReferenceEquals(existing.Content, stored.Content))
        {
            existing.Content.Delete();
        }

        return new ObjectWrite(existing is null ? ObjectWriteOutcome.Created : ObjectWriteOutcome.Updated, stored, existing);
    }

    /// <summary>DeleteObject with the object's lock held: files first (outside <see cref="_gate"/>), then memory.</summary>
    private ObjectWrite DeleteHeld(StoredBucket bucket, string name, string? ifMatch)
    {
        StoredObject? existing;
        string versioning;
        lock (_gate)
        {
            existing = bucket.Objects.GetValueOrDefault(name);
            versioning = bucket.Versioning;
        }

        if (existing is null)
        {
            return new ObjectWrite(ObjectWriteOutcome.NotFound, null, null);
        }

        if (ifMatch is not null && !ETagMatches(ifMatch, existing))
        {
            return new ObjectWrite(ObjectWriteOutcome.ETagMismatch, null, existing);
        }

        var retained = VersionToRetain(versioning, existing);
        var deleteMarker = versioning == "Enabled" ? new ObjectVersion(name, Guid.NewGuid().ToString("D"), _clock.GetUtcNow(), Object: null) : null;
        if (_dataDirectory is not null)
        {
            foreach (var version in new[] { retained, deleteMarker }.OfType<ObjectVersion>())
            {
                SaveVersion(bucket, version);
            }

            File.Delete(MetadataPath(bucket.Name, name));
        }

        lock (_gate)
        {
            // Newest first: the delete marker goes on top of the version it hides.
            foreach (var version in new[] { retained, deleteMarker }.OfType<ObjectVersion>())
            {
                History(bucket.Name, name).Insert(0, version);
            }

            bucket.Objects.Remove(name);
            bucket.Names.Remove(name);
        }

        if (retained is null)
        {
            existing.Content.Delete();
        }

        return new ObjectWrite(ObjectWriteOutcome.Deleted, null, existing, deleteMarker?.VersionId);
    }

    /// <summary>Names in listing order, filtered by the inclusive/exclusive bounds ListObjects accepts.</summary>
    public IReadOnlyList<StoredObject> Snapshot(StoredBucket bucket, string? prefix, string? start, string? startAfter, string? end, int max)
    {
        var comparer = Utf8NameComparer.Instance;
        lock (_gate)
        {
            var result = new List<StoredObject>();
            foreach (var name in bucket.Names)
            {
                if ((start is not null && comparer.Compare(name, start) < 0)
                    || (startAfter is not null && comparer.Compare(name, startAfter) <= 0)
                    || (prefix is not null && !name.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    continue;
                }

                if ((end is not null && comparer.Compare(name, end) >= 0) || result.Count >= max)
                {
                    break;
                }

                result.Add(bucket.Objects[name]);
            }

            return result;
        }
    }

    private static void SetTags(StoredBucket bucket, BucketTags? tags)
    {
        if (tags?.Freeform is { } freeform)
        {
            bucket.FreeformTags = new Dictionary<string, string>(freeform, StringComparer.Ordinal);
        }

        if (tags?.Defined is { } defined)
        {
            bucket.DefinedTags = new Dictionary<string, Dictionary<string, JsonElement>>(defined, StringComparer.Ordinal);
        }
    }

    private static bool ETagMatches(string ifMatch, StoredObject? existing) =>
        existing is not null && (ifMatch == "*" || string.Equals(ifMatch.Trim('"'), existing.ETag, StringComparison.Ordinal));

    private StoredObject Persist(StoredBucket bucket, StoredObject stored, FileObjectContent staged)
    {
        var objects = Path.Combine(BucketDirectory(bucket.Name), "objects");
        Directory.CreateDirectory(objects);
        var key = NameKey(stored.Name);
        var dataFile = $"{key}.{stored.ETag}.data";
        var dataPath = Path.Combine(objects, dataFile);
        File.Move(staged.Path, dataPath);
        stored = stored with { DataFile = dataFile };
        WriteAtomically(MetadataPath(bucket.Name, stored.Name), JsonSerializer.SerializeToUtf8Bytes(stored, ObjectStoreJsonContext.Default.StoredObject));
        return stored with { Content = new FileObjectContent(dataPath, staged.Length) };
    }

    private void SaveBucket(StoredBucket bucket)
    {
        if (_dataDirectory is null)
        {
            return;
        }

        Directory.CreateDirectory(Path.Combine(BucketDirectory(bucket.Name), "objects"));
        WriteAtomically(Path.Combine(BucketDirectory(bucket.Name), "bucket.json"), JsonSerializer.SerializeToUtf8Bytes(bucket, ObjectStoreJsonContext.Default.StoredBucket));
    }

    /// <summary>The files in a bucket directory that could not be read at start (kept, and named by DeleteBucket).</summary>
    public IReadOnlyList<string> UnreadableFiles(string bucketName)
    {
        lock (_gate)
        {
            return _unreadable.TryGetValue(bucketName, out var files) ? [.. files] : [];
        }
    }

    private void Load()
    {
        foreach (var directory in Directory.EnumerateDirectories(_dataDirectory!).Where(d => !DataDirectoryEntries.IsReserved(Path.GetFileName(d))).Order(StringComparer.Ordinal))
        {
            var bucketFile = Path.Combine(directory, "bucket.json");
            if (!File.Exists(bucketFile))
            {
                continue;
            }

            if (ReadRecord(bucketFile, ObjectStoreJsonContext.Default.StoredBucket, "bucket") is not { } bucket)
            {
                continue;
            }

            if (bucket.Name != Path.GetFileName(directory) || ResourceNames.BucketProblem(bucket.Name) is not null || _buckets.ContainsKey(bucket.Name))
            {
                _loadProblems.Add($"'{bucketFile}' names the bucket '{bucket.Name}', which is not its directory's name '{Path.GetFileName(directory)}' or not a valid bucket name; the bucket is not served and its files are left in place.");
                continue;
            }

            _buckets[bucket.Name] = bucket;
            LoadObjects(bucket, Path.Combine(directory, "objects"));
        }
    }

    private void LoadObjects(StoredBucket bucket, string objects)
    {
        if (!Directory.Exists(objects))
        {
            return;
        }

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var unreadableKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metadataFile in Directory.EnumerateFiles(objects, "*.json"))
        {
            var stored = ReadRecord(metadataFile, ObjectStoreJsonContext.Default.StoredObject, "object");
            var dataPath = stored?.DataFile is { } dataFile ? Path.Combine(objects, dataFile) : null;
            if (stored is not null && (stored.Name is null || Path.GetFileName(metadataFile) != NameKey(stored.Name) + ".json"))
            {
                // The name builds the metadata file's path on every write and delete: it must be this file's.
                _loadProblems.Add($"'{metadataFile}' holds the object '{stored.Name}', which is not the object its file name stands for; the object is not served and the file is left in place.");
                stored = null;
            }
            else if (stored is not null && (dataPath is null || Path.GetDirectoryName(dataPath) != objects || !File.Exists(dataPath) || new FileInfo(dataPath).Length != stored.Size))
            {
                _loadProblems.Add($"The object '{stored.Name}' in bucket '{bucket.Name}' has metadata ('{metadataFile}') but its data file '{dataPath}' is missing, outside the bucket's objects folder or has the wrong length; the object is not served and its files are left in place.");
                stored = null;
            }

            if (stored is null)
            {
                // Unreadable: keep its files (its data is not an orphan) and refuse to delete the bucket over them.
                unreadableKeys.Add(Path.GetFileNameWithoutExtension(metadataFile));
                Unreadable(bucket.Name).Add(metadataFile);
                continue;
            }

            referenced.Add(stored.DataFile!);
            bucket.Objects[stored.Name] = stored with { Content = new FileObjectContent(dataPath!, stored.Size) };
            bucket.Names.Add(stored.Name);
        }

        referenced.UnionWith(LoadPreviousVersions(bucket, objects, unreadableKeys));

        // Data renamed into place whose metadata never followed (a crash mid-write) is not an object.
        foreach (var orphan in Directory.EnumerateFiles(objects, "*.data").Where(f => !referenced.Contains(Path.GetFileName(f))))
        {
            if (!unreadableKeys.Contains(Path.GetFileName(orphan).Split('.')[0]))
            {
                File.Delete(orphan);
            }
        }
    }

    /// <summary>Reads one JSON record of the data directory, or notes (by file name) why it cannot be read.</summary>
    private T? ReadRecord<T>(string file, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(file), type)
                ?? throw new JsonException("the file holds null");
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            _loadProblems.Add($"'{file}' is not a readable {what} record ({ex.Message}); the {what} is not served and the file is left in place.");
            return null;
        }
    }

    private List<string> Unreadable(string bucketName)
    {
        if (!_unreadable.TryGetValue(bucketName, out var files))
        {
            _unreadable[bucketName] = files = [];
        }

        return files;
    }

    /// <summary>
    /// The bucket's directory: always a direct child of the data directory, whatever the name (defence in
    /// depth: the API refuses such names before they get here). A name that lands on an existing directory
    /// that is not its own (the staging area, say) is refused by <see cref="CreateBucket"/>.
    /// </summary>
    private string BucketDirectory(string bucketName)
    {
        var path = Path.GetFullPath(Path.Combine(_dataDirectory!, bucketName));
        if (Path.GetDirectoryName(path) != _dataDirectory)
        {
            throw new InvalidOperationException($"The bucket name '{bucketName}' would place its files at '{path}', not in a directory of its own inside the data directory '{_dataDirectory}'; refused.");
        }

        return path;
    }

    private string MetadataPath(string bucketName, string objectName) =>
        Path.Combine(BucketDirectory(bucketName), "objects", NameKey(objectName) + ".json");

    // Object names may hold '/', '..', 1024 bytes or characters no file system likes: files are named by hash.
    private static string NameKey(string objectName) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(objectName)));

    private static void WriteAtomically(string path, byte[] content)
    {
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(content);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
