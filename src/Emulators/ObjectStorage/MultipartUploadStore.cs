using System.Security.Cryptography;
using System.Text.Json;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Multipart uploads in progress (docs/oci-facts.md §9). Parts arrive as <see cref="StagedUpload"/>s (streamed to
/// memory chunks, or to a staging file with <c>--data-dir</c>) and are kept as they are; nothing is visible
/// in the bucket until a commit assembles them. With a data directory an upload survives restarts:
/// <c>DIR/.multipart-uploads/&lt;uploadId&gt;/upload.json</c> lists the parts, each part's bytes beside it
/// in <c>&lt;partNum&gt;.&lt;etag&gt;.part</c>. An upload whose files cannot be read at start is reported
/// (<see cref="LoadProblems"/>) and left on disk as it is; the others are served.
/// </summary>
internal sealed class MultipartUploadStore
{
    public const int MaxPartNumber = 10_000;

    private const string ManifestName = "upload.json";
    private const int CopyBufferSize = 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, MultipartUpload> _uploads = new(StringComparer.Ordinal);
    private readonly List<string> _loadProblems = [];
    private readonly string? _directory;
    private readonly string? _stagingDirectory;
    private readonly TimeProvider _clock;

    public MultipartUploadStore(string? dataDirectory, string? stagingDirectory, TimeProvider clock)
    {
        _clock = clock;
        _stagingDirectory = stagingDirectory;
        if (dataDirectory is not null)
        {
            _directory = Path.Combine(Path.GetFullPath(dataDirectory), DataDirectoryEntries.MultipartUploads);
            Directory.CreateDirectory(_directory);
            Load();
        }
    }

    /// <summary>The uploads that could not be loaded from the data directory at start, one sentence per upload, naming its file.</summary>
    public IReadOnlyList<string> LoadProblems => _loadProblems;

    /// <summary><c>&lt;base64 MD5 of the concatenated binary part MD5s&gt;-&lt;part count&gt;</c>, OCI's <c>opc-multipart-md5</c> (docs/oci-facts.md §9).</summary>
    public static string MultipartMd5(IReadOnlyList<UploadedPart> parts)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        foreach (var part in parts)
        {
            md5.AppendData(Convert.FromBase64String(part.Md5));
        }

        return $"{Convert.ToBase64String(md5.GetHashAndReset())}-{parts.Count}";
    }

    public MultipartUpload Create(string bucketName, string objectName, ObjectWriteDetails details)
    {
        var upload = new MultipartUpload
        {
            UploadId = Guid.NewGuid().ToString("D"),
            BucketName = bucketName,
            ObjectName = objectName,
            TimeCreated = _clock.GetUtcNow(),
            Details = details,
        };
        lock (_gate)
        {
            _uploads.Add(upload.UploadId, upload);
            SaveManifest(upload);
        }

        return upload;
    }

    /// <summary>The upload with this id, if it is in progress and was started for this bucket and object.</summary>
    public MultipartUpload? Find(string bucketName, string objectName, string uploadId)
    {
        lock (_gate)
        {
            return _uploads.TryGetValue(uploadId, out var upload) && upload.BucketName == bucketName && upload.ObjectName == objectName
                ? upload
                : null;
        }
    }

    /// <summary>A bucket's uploads in progress, by object name (UTF-8 order), then oldest first.</summary>
    public IReadOnlyList<MultipartUpload> List(string bucketName)
    {
        lock (_gate)
        {
            return
            [
                .. _uploads.Values
                    .Where(u => u.BucketName == bucketName)
                    .OrderBy(u => u.ObjectName, Utf8NameComparer.Instance)
                    .ThenBy(u => u.TimeCreated)
                    .ThenBy(u => u.UploadId, StringComparer.Ordinal),
            ];
        }
    }

    public bool Any(string bucketName)
    {
        lock (_gate)
        {
            return _uploads.Values.Any(u => u.BucketName == bucketName);
        }
    }

    public IReadOnlyList<UploadedPart> Parts(MultipartUpload upload)
    {
        lock (_gate)
        {
            return [.. upload.Parts.Values];
        }
    }

    /// <summary>
    /// Adopts <paramref name="staged"/> as part <paramref name="number"/>, replacing an earlier part of that
    /// number (OCI commits the last one uploaded), unless the upload ended meanwhile or a precondition fails.
    /// </summary>
    public (PartWriteOutcome Outcome, UploadedPart? Part) PutPart(MultipartUpload upload, int number, StagedUpload staged, string? ifMatch, bool ifNoneMatchAny)
    {
        lock (_gate)
        {
            if (!_uploads.ContainsKey(upload.UploadId))
            {
                return (PartWriteOutcome.UploadGone, null);
            }

            if (upload.Committing)
            {
                return (PartWriteOutcome.Committing, null);
            }

            var existing = upload.Parts.GetValueOrDefault(number);
            if (ifNoneMatchAny && existing is not null)
            {
                return (PartWriteOutcome.AlreadyExists, existing);
            }

            if (ifMatch is not null && (existing is null || (ifMatch != "*" && ifMatch.Trim('"') != existing.ETag)))
            {
                return (PartWriteOutcome.ETagMismatch, existing);
            }

            var etag = Guid.NewGuid().ToString("D");
            var part = new UploadedPart(number, staged.Content.Length, staged.Md5, etag) { Content = staged.Content };
            if (_directory is not null)
            {
                var file = (FileObjectContent)staged.Content;
                var dataFile = $"{number}.{etag}.part";
                var path = Path.Combine(UploadDirectory(upload), dataFile);
                File.Move(file.Path, path);
                part = part with { DataFile = dataFile, Content = new FileObjectContent(path, file.Length) };
            }

            staged.Adopted = true;
            upload.Parts[number] = part;
            SaveManifest(upload);
            existing?.Content.Delete();
            return (PartWriteOutcome.Stored, part);
        }
    }

    /// <summary>Ends the upload and deletes its parts; false when it already ended or is being committed.</summary>
    public bool Abort(MultipartUpload upload)
    {
        lock (_gate)
        {
            if (upload.Committing || !_uploads.Remove(upload.UploadId))
            {
                return false;
            }

            Discard(upload);
            return true;
        }
    }

    /// <summary>Marks the upload as committing and returns its parts; null when it ended or another commit runs.</summary>
    public IReadOnlyList<UploadedPart>? BeginCommit(MultipartUpload upload)
    {
        lock (_gate)
        {
            if (upload.Committing || !_uploads.ContainsKey(upload.UploadId))
            {
                return null;
            }

            upload.Committing = true;
            return [.. upload.Parts.Values];
        }
    }

    /// <summary>
    /// After a commit: a committed upload ends (its part files are deleted; in memory, the object now holds
    /// the parts' chunks); a failed one is open again for parts and commits.
    /// </summary>
    public void EndCommit(MultipartUpload upload, bool committed)
    {
        lock (_gate)
        {
            upload.Committing = false;
            if (committed && _uploads.Remove(upload.UploadId))
            {
                Discard(upload);
            }
        }
    }

    /// <summary>
    /// The committed parts as one object's content: concatenated into a staging file with a data directory
    /// (streamed through a small buffer), or the parts' own memory chunks read in order.
    /// </summary>
    public StagedUpload Assemble(IReadOnlyList<UploadedPart> parts, string multipartMd5)
    {
        if (_stagingDirectory is null)
        {
            return StagedUpload.FromContent(new CompositeObjectContent([.. parts.Select(p => p.Content)]), multipartMd5);
        }

        var path = Path.Combine(_stagingDirectory, $"{Guid.NewGuid():N}.upload");
        long length = 0;
        try
        {
            using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize))
            {
                foreach (var part in parts)
                {
                    using var source = new FileStream(((FileObjectContent)part.Content).Path, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferSize);
                    source.CopyTo(target, CopyBufferSize);
                    length += part.Size;
                }
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return StagedUpload.FromContent(new FileObjectContent(path, length), multipartMd5);
    }

    private void Discard(MultipartUpload upload)
    {
        foreach (var part in upload.Parts.Values)
        {
            part.Content.Delete();
        }

        if (_directory is not null)
        {
            Directory.Delete(UploadDirectory(upload), recursive: true);
        }
    }

    private void SaveManifest(MultipartUpload upload)
    {
        if (_directory is null)
        {
            return;
        }

        var directory = UploadDirectory(upload);
        Directory.CreateDirectory(directory);
        var manifest = Path.Combine(directory, ManifestName);
        var temporary = manifest + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(JsonSerializer.SerializeToUtf8Bytes(upload, ObjectStoreJsonContext.Default.MultipartUpload));
        }

        File.Move(temporary, manifest, overwrite: true);
    }

    private void Load()
    {
        foreach (var directory in Directory.EnumerateDirectories(_directory!))
        {
            var manifest = Path.Combine(directory, ManifestName);
            if (!File.Exists(manifest))
            {
                // Created but never recorded (a crash in between): nothing was acknowledged.
                Directory.Delete(directory, recursive: true);
                continue;
            }

            if (ReadUpload(directory, manifest) is not { } upload)
            {
                continue;
            }

            var kept = new HashSet<string>(StringComparer.Ordinal) { ManifestName };
            foreach (var (number, part) in upload.Parts.ToList())
            {
                kept.Add(part.DataFile!);
                upload.Parts[number] = part with { Content = new FileObjectContent(Path.Combine(directory, part.DataFile!), part.Size) };
            }

            // A part moved into place whose manifest update never followed was never acknowledged.
            foreach (var orphan in Directory.EnumerateFiles(directory).Where(f => !kept.Contains(Path.GetFileName(f))))
            {
                File.Delete(orphan);
            }

            _uploads[upload.UploadId] = upload;
        }
    }

    /// <summary>
    /// Reads an upload's manifest, or reports (naming the file) why it cannot be served: unreadable, not the
    /// upload its folder is named for, or a part whose data file is missing, elsewhere or the wrong length.
    /// Such an upload's folder is left as it is.
    /// </summary>
    private MultipartUpload? ReadUpload(string directory, string manifest)
    {
        MultipartUpload? upload;
        try
        {
            upload = JsonSerializer.Deserialize(File.ReadAllBytes(manifest), ObjectStoreJsonContext.Default.MultipartUpload)
                ?? throw new JsonException("the file holds null");
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            _loadProblems.Add($"'{manifest}' is not a readable multipart upload record ({ex.Message}); the upload is not served and its folder is left in place.");
            return null;
        }

        // The upload id builds the folder's path when the upload ends: it must be this folder's name.
        if (upload.UploadId != Path.GetFileName(directory))
        {
            _loadProblems.Add($"'{manifest}' holds the upload '{upload.UploadId}', which is not the upload its folder '{directory}' is named for; the upload is not served and its folder is left in place.");
            return null;
        }

        foreach (var (number, part) in upload.Parts)
        {
            var path = part.DataFile is { } dataFile ? Path.Combine(directory, dataFile) : null;
            if (path is null || Path.GetDirectoryName(path) != directory || path == manifest || !File.Exists(path) || new FileInfo(path).Length != part.Size)
            {
                _loadProblems.Add($"Part {number} of multipart upload '{upload.UploadId}' ('{manifest}') has no data file '{path}' of {part.Size} bytes in its folder; the upload is not served and its folder is left in place.");
                return null;
            }
        }

        return upload;
    }

    private string UploadDirectory(MultipartUpload upload) => Path.Combine(_directory!, upload.UploadId);
}
