namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// ListObjectVersions, and DeleteObject naming a <c>versionId</c> (GetObject and HeadObject take one in the
/// object operations). When a delete by id makes a previous version current again, its event is
/// <c>updateobject</c> (it replaced the deleted current version) or <c>createobject</c> (it reappeared after its
/// delete marker was deleted); deleting the current version with nothing left to show is <c>deleteobject</c>.
/// </summary>
internal sealed partial class ObjectStorageApi
{
    private OciResponse ListObjectVersions(IQueryCollection query, StoredBucket bucket, string clientRequestId)
    {
        if (ListPaging.Read(query, out var limit, out var start) is { } invalidPaging)
        {
            return OciResponse.Error(400, "InvalidParameter", invalidPaging, clientRequestId);
        }

        var delimiter = NullIfEmpty(query["delimiter"]);
        if (delimiter is not (null or "/"))
        {
            return OciResponse.Error(400, "InvalidParameter", $"Only '/' is a supported delimiter, not '{delimiter}'.", clientRequestId);
        }

        var fields = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in query["fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ListFields.Contains(field, StringComparer.OrdinalIgnoreCase))
            {
                return OciResponse.Error(400, "InvalidParameter", $"'{field}' is not a ListObjectVersions field; use {string.Join(", ", ListFields)}.", clientRequestId);
            }

            fields.Add(field);
        }

        var prefix = NullIfEmpty(query["prefix"]);
        var versions = store.SnapshotVersions(bucket, prefix, NullIfEmpty(query["start"]), NullIfEmpty(query["startAfter"]), NullIfEmpty(query["end"]));

        // With a delimiter, names below the next '/' after the prefix collapse into one prefix entry.
        var entries = new List<(ObjectVersion? Version, string? Folder)>();
        foreach (var version in versions)
        {
            var slash = delimiter is null ? -1 : version.Name.IndexOf('/', prefix?.Length ?? 0);
            if (slash < 0)
            {
                entries.Add((version, null));
                continue;
            }

            var folder = version.Name[..(slash + 1)];
            if (entries.Count == 0 || entries[^1].Folder != folder)
            {
                entries.Add((null, folder));
            }
        }

        var (page, next) = ListPaging.Take(entries, start, limit);
        var items = page.Where(e => e.Version is not null).Select(e => VersionSummary(e.Version!, fields)).ToList();
        var folders = delimiter is null ? null : page.Where(e => e.Folder is not null).Select(e => e.Folder!).ToList();
        return OciResponse.WithJson(200, new ObjectVersionCollection(items, folders), Wire.ObjectVersionCollection, clientRequestId)
            .WithNextPage(next);
    }

    private OciResponse DeleteObjectVersion(ObjectStorageRequest request, StoredBucket bucket, string name, string versionId, string clientRequestId)
    {
        var deletion = store.DeleteObjectVersion(bucket, name, versionId);
        if (!deletion.Found)
        {
            return OciResponse.Error(404, "ObjectNotFound", $"The version '{versionId}' of object '{name}' was not found in the bucket '{bucket.Name}'", clientRequestId);
        }

        // Events follow what a reader of the object sees: another version shown, the object back, or gone.
        var shown = deletion switch
        {
            { Promoted: { } promoted, WasCurrent: true } => ("updateobject", promoted),
            { Promoted: { } promoted } => ("createobject", promoted),
            { WasCurrent: true } => ("deleteobject", deletion.Deleted!),
            _ => default((string, StoredObject)?),
        };
        if (bucket.ObjectEventsEnabled && shown is (var eventType, var version))
        {
            events.Publish(ObjectEvent(eventType, bucket, version), request);
        }

        return OciResponse.Status(204, clientRequestId)
            .Header("last-modified", options.Clock.GetUtcNow())
            .Header("version-id", versionId)
            .Header("is-delete-marker", deletion.IsDeleteMarker ? "true" : "false");
    }

    private static ObjectVersionSummary VersionSummary(ObjectVersion version, HashSet<string> fields)
    {
        var stored = version.Object;
        return new ObjectVersionSummary(
            version.Name,
            version.VersionId,
            version.IsDeleteMarker,
            version.TimeModified,
            fields.Contains("size") ? stored?.Size : null,
            fields.Contains("md5") ? stored?.Md5 : null,
            fields.Contains("timeCreated") && stored is not null ? stored.TimeCreated : null,
            fields.Contains("etag") ? stored?.ETag : null,
            fields.Contains("storageTier") ? stored?.StorageTier : null);
    }
}
