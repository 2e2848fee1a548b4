using WireMock.Handlers;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Every file WireMock reads or writes on behalf of an admin-API client — <c>BodyAsFile</c> responses, the
/// <c>/__admin/files</c> API, saved mappings, unmatched-request dumps — goes through this handler. Without
/// <c>--wiremock-files DIR</c> all of it is refused: a mapping posted to <c>/__admin</c> could otherwise
/// serve any file the emulator can read (a private key) or write files in the working directory. With
/// it, WireMock keeps its usual layout under DIR (mappings in <c>DIR/__admin/mappings</c>, relative
/// <c>BodyAsFile</c> paths resolved there) and no path may leave DIR.
/// </summary>
internal sealed class WireMockFiles(string? root) : IFileSystemHandler
{
    public const string Option = "--wiremock-files";

    private readonly string? _root = root is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    public string GetMappingFolder() => Path.Combine(Root, "__admin", "mappings");

    public string GetUnmatchedRequestsFolder() => Path.Combine(Root, "requests", "unmatched");

    public bool FolderExists(string path) => _root is not null && Directory.Exists(Resolve(path));

    public void CreateFolder(string path) => Directory.CreateDirectory(Resolve(path));

    public IEnumerable<string> EnumerateFiles(string path, bool includeSubdirectories) =>
        Directory.EnumerateFiles(Resolve(path), "*", includeSubdirectories ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly);

    public string ReadMappingFile(string path) => File.ReadAllText(Resolve(path));

    public void WriteMappingFile(string path, string text) => File.WriteAllText(Resolve(path), text);

    public byte[] ReadResponseBodyAsFile(string path) => File.ReadAllBytes(Resolve(path));

    public string ReadResponseBodyAsString(string path) => File.ReadAllText(Resolve(path));

    public void DeleteFile(string filename) => File.Delete(Resolve(filename));

    public bool FileExists(string filename) => _root is not null && File.Exists(Resolve(filename));

    public void WriteFile(string filename, byte[] bytes) => File.WriteAllBytes(Resolve(filename), bytes);

    public void WriteFile(string folder, string filename, byte[] bytes) => File.WriteAllBytes(Resolve(Path.Combine(folder, filename)), bytes);

    public byte[] ReadFile(string filename) => File.ReadAllBytes(Resolve(filename));

    public string ReadFileAsString(string filename) => File.ReadAllText(Resolve(filename));

    public void WriteUnmatchedRequest(string filename, string text) => File.WriteAllText(Resolve(Path.Combine(GetUnmatchedRequestsFolder(), filename)), text);

    private string Root => _root ?? throw Off();

    /// <summary>A path relative to the mapping folder (as WireMock resolves them), or an absolute one, that stays inside the root.</summary>
    private string Resolve(string path)
    {
        var root = Root;
        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(GetMappingFolder(), path));
        return full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new UnauthorizedAccessException($"WireMock may only use files under {Option} {root}; '{path}' is outside it.");
    }

    private static UnauthorizedAccessException Off() =>
        new($"WireMock's file access (BodyAsFile, /__admin/files, saving mappings) is off in the Object Storage emulator; start it with {Option} DIR to allow it under DIR.");
}
