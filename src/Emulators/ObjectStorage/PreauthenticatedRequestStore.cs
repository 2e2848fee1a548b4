using System.Security.Cryptography;
using System.Text.Json;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// The pre-authenticated requests of every bucket, found by id (management) or by the token of their URL
/// (access). With a data directory they survive restarts in <c>DIR/.preauthenticated-requests.json</c>.
/// </summary>
internal sealed class PreauthenticatedRequestStore
{
    private const string FileName = ".preauthenticated-requests.json";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, PreauthenticatedRequest> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PreauthenticatedRequest> _byToken = new(StringComparer.Ordinal);
    private readonly string? _file;

    public PreauthenticatedRequestStore(string? dataDirectory)
    {
        if (dataDirectory is null)
        {
            return;
        }

        _file = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        if (!File.Exists(_file))
        {
            return;
        }

        List<PreauthenticatedRequest> saved;
        try
        {
            saved = JsonSerializer.Deserialize(File.ReadAllBytes(_file), ObjectStoreJsonContext.Default.ListPreauthenticatedRequest) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{_file}' does not hold pre-authenticated requests: {ex.Message}", ex);
        }

        foreach (var par in saved)
        {
            _byId[par.Id] = par;
            _byToken[par.Token] = par;
        }
    }

    public PreauthenticatedRequest Create(string bucketName, string name, string? objectName, string accessType, string? bucketListingAction, DateTimeOffset timeExpires, DateTimeOffset now)
    {
        var par = new PreauthenticatedRequest(
            Secret(32), Secret(48), bucketName, name, objectName, accessType, bucketListingAction, timeExpires, now);
        lock (_gate)
        {
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

    public bool Delete(string bucketName, string id)
    {
        lock (_gate)
        {
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
