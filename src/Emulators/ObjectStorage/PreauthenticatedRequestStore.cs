using System.Security.Cryptography;
using System.Text.Json;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// The pre-authenticated requests of every bucket, found by id (management) or by the token of their URL
/// (access). With a data directory they survive restarts in <c>DIR/.preauthenticated-requests.json</c>. When
/// that file cannot be read at start, it is reported (<see cref="LoadProblems"/>) and kept as it is: no PAR is
/// served, and creating or deleting one (which would rewrite the file) is refused, naming the file.
/// </summary>
internal sealed class PreauthenticatedRequestStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PreauthenticatedRequest> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PreauthenticatedRequest> _byToken = new(StringComparer.Ordinal);
    private readonly List<string> _loadProblems = [];
    private readonly string? _file;

    public PreauthenticatedRequestStore(string? dataDirectory)
    {
        if (dataDirectory is null)
        {
            return;
        }

        _file = Path.Combine(Path.GetFullPath(dataDirectory), DataDirectoryEntries.PreauthenticatedRequests);
        if (!File.Exists(_file))
        {
            return;
        }

        List<PreauthenticatedRequest> saved;
        try
        {
            saved = JsonSerializer.Deserialize(File.ReadAllBytes(_file), ObjectStoreJsonContext.Default.ListPreauthenticatedRequest)
                ?? throw new JsonException("the file holds null");
            if (saved.Any(p => p?.Id is null || p.Token is null))
            {
                throw new JsonException("a pre-authenticated request without an id or token");
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            _loadProblems.Add($"'{_file}' is not a readable list of pre-authenticated requests ({ex.Message}); none is served, the file is left in place, and creating or deleting one is refused until it is repaired or removed.");
            return;
        }

        foreach (var par in saved)
        {
            _byId[par.Id] = par;
            _byToken[par.Token] = par;
        }
    }

    /// <summary>Why the PARs could not be loaded at start (at most one sentence, naming the file).</summary>
    public IReadOnlyList<string> LoadProblems => _loadProblems;

    /// <exception cref="IOException">The file of PARs could not be read at start; it is not overwritten.</exception>
    public PreauthenticatedRequest Create(string bucketName, string name, string? objectName, string accessType, string? bucketListingAction, DateTimeOffset timeExpires, DateTimeOffset now)
    {
        var par = new PreauthenticatedRequest(
            Secret(32), Secret(48), bucketName, name, objectName, accessType, bucketListingAction, timeExpires, now);
        lock (_gate)
        {
            RefuseWhileUnreadable();
            _byId.Add(par.Id, par);
            _byToken.Add(par.Token, par);
            Save();
        }

        return par;
    }

    public PreauthenticatedRequest? FindByToken(string token)
    {
        lock (_gate)
        {
            return _byToken.GetValueOrDefault(token);
        }
    }

    public PreauthenticatedRequest? Get(string bucketName, string id)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(id, out var par) && par.BucketName == bucketName ? par : null;
        }
    }

    /// <summary>A bucket's PARs, optionally only those whose object name starts with a prefix, oldest first.</summary>
    public IReadOnlyList<PreauthenticatedRequest> List(string bucketName, string? objectNamePrefix)
    {
        lock (_gate)
        {
            return
            [
                .. _byId.Values
                    .Where(p => p.BucketName == bucketName
                        && (objectNamePrefix is null || (p.ObjectName?.StartsWith(objectNamePrefix, StringComparison.Ordinal) ?? false)))
                    .OrderBy(p => p.TimeCreated)
                    .ThenBy(p => p.Id, StringComparer.Ordinal),
            ];
        }
    }

    public bool Any(string bucketName)
    {
        lock (_gate)
        {
            return _byId.Values.Any(p => p.BucketName == bucketName);
        }
    }

    /// <exception cref="IOException">The file of PARs could not be read at start; it is not overwritten.</exception>
    public bool Delete(string bucketName, string id)
    {
        lock (_gate)
        {
            RefuseWhileUnreadable();
            if (!_byId.TryGetValue(id, out var par) || par.BucketName != bucketName)
            {
                return false;
            }

            _byId.Remove(id);
            _byToken.Remove(par.Token);
            Save();
            return true;
        }
    }

    private void RefuseWhileUnreadable()
    {
        if (_loadProblems.Count > 0)
        {
            throw new IOException($"The pre-authenticated requests in '{_file}' could not be read at start; the emulator does not rewrite that file. Repair or remove it and restart.");
        }
    }

    /// <summary>URL-safe random text: the token is the only credential a PAR URL carries.</summary>
    private static string Secret(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private void Save()
    {
        if (_file is null)
        {
            return;
        }

        var temporary = _file + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(JsonSerializer.SerializeToUtf8Bytes(_byId.Values.ToList(), ObjectStoreJsonContext.Default.ListPreauthenticatedRequest));
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, _file, overwrite: true);
    }
}
