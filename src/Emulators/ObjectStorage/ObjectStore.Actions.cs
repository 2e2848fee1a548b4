namespace DevHarness.Emulators.ObjectStorage;

/// <summary>What CopyObject, RenameObject and UpdateObjectStorageTier need from the store.</summary>
internal sealed partial class ObjectStore
{
    /// <summary>
    /// A copy of an object's bytes, staged for a write: a staging file with a data directory; in memory the
    /// same chunks (object content never changes once stored, so sharing is safe). Throws
    /// <see cref="IOException"/> when the source's file disappeared (it was replaced or deleted meanwhile).
    /// </summary>
    public StagedUpload CopyContent(StoredObject source)
    {
        if (StagingDirectory is null)
        {
            return StagedUpload.FromContent(source.Content, source.Md5);
        }

        var path = Path.Combine(StagingDirectory, $"{Guid.NewGuid():N}.upload");
        try
        {
            File.Copy(((FileObjectContent)source.Content).Path, path);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return StagedUpload.FromContent(new FileObjectContent(path, source.Size), source.Md5);
    }

    /// <summary>
    /// Writes <paramref name="copy"/> (a copy of <paramref name="source"/>'s bytes) as <paramref name="newName"/>
    /// and deletes the source, in one step under both objects' locks and the store's lock (so no reader sees
    /// both names or neither), provided the source is still the object that was copied and the preconditions
    /// on the new name hold.
    /// </summary>
    public (ObjectWrite? Written, ObjectWrite? Deleted) Rename(StoredBucket bucket, StoredObject source, string newName, StagedUpload copy, string? newIfMatch, bool newIfNoneMatchAny)
    {
        using var held = HoldObjects(bucket, source.Name, newName);
        if (held is null)
        {
            return (new ObjectWrite(ObjectWriteOutcome.BucketNotFound, null, null), null);
        }

        lock (_gate)
        {
            if (!bucket.Objects.TryGetValue(source.Name, out var current) || current.ETag != source.ETag)
            {
                return (null, null);
            }

            var details = new ObjectWriteDetails(source.ContentType, source.Metadata, source.StorageTier, source.ContentLanguage, source.ContentEncoding, source.ContentDisposition, source.CacheControl);
            var written = PutHeld(bucket, newName, copy, details, newIfMatch, newIfNoneMatchAny);
            if (written.Outcome is not (ObjectWriteOutcome.Created or ObjectWriteOutcome.Updated))
            {
                return (written, null);
            }

            return (written, DeleteHeld(bucket, source.Name, ifMatch: null));
        }
    }

    /// <summary>Moves an object version (the current one when <paramref name="versionId"/> is null) to another tier; false when there is no such version.</summary>
    public bool UpdateStorageTier(StoredBucket bucket, string name, string? versionId, string tier)
    {
        using var held = HoldObjects(bucket, name);
        if (held is null)
        {
            return false;
        }

        lock (_gate)
        {
            if (bucket.Objects.TryGetValue(name, out var current) && (versionId is null || current.VersionId == versionId))
            {
                var moved = current with { StorageTier = tier };
                bucket.Objects[name] = moved;
                SaveCurrent(bucket, moved);
                return true;
            }

            var history = PreviousVersions(bucket, name);
            var index = versionId is null ? -1 : history.FindIndex(v => v.VersionId == versionId && !v.IsDeleteMarker);
            if (index < 0)
            {
                return false;
            }

            var version = history[index] with { Object = history[index].Object! with { StorageTier = tier } };
            history[index] = version;
            if (_dataDirectory is not null)
            {
                SaveVersion(bucket, version);
            }

            return true;
        }
    }
}
