namespace DevHarness.Oci.Auth;

/// <summary>
/// One credential setting that is either the value itself or the absolute path of a file holding it
/// (docs/oci-facts.md §6.1: <c>Path.IsPathRooted</c> decides, as in the OCI .NET SDK). A file is read again
/// whenever its modification time or length changes (and compared by content while it was written too
/// recently for the time to tell), because OCI Functions rotates the RPST and key files.
/// </summary>
internal sealed class CredentialSource
{
    private static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly string? _value;
    private (string Target, DateTime Modified, long Length)? _stamp;
    private string _text = "";
    private int _version;
    private bool _racy;

    private CredentialSource(string name, string? value, string? path)
    {
        Name = name;
        _value = value;
        Path = path;
    }

    /// <summary>The setting's name for messages (an environment variable or config key).</summary>
    public string Name { get; }

    /// <summary>The file path, or null for an inline value.</summary>
    public string? Path { get; }

    /// <summary>Describes where the value comes from, for messages.</summary>
    public string Description => Path is null ? Name : $"{Path} (named by {Name})";

    /// <summary>Classifies <paramref name="setting"/> as a path (absolute) or an inline value.</summary>
    public static CredentialSource FromSetting(string name, string setting) =>
        System.IO.Path.IsPathRooted(setting) ? FromFile(name, setting) : new CredentialSource(name, setting, null);

    /// <summary>A setting that is always the value itself.</summary>
    public static CredentialSource FromValue(string name, string value) => new(name, value, null);

    /// <summary>A setting that is always a file.</summary>
    public static CredentialSource FromFile(string name, string path) => new(name, null, path);

    /// <summary>
    /// The current text and a version number that changes whenever the text was re-read.
    /// </summary>
    /// <exception cref="OciCredentialException">The file is missing or unreadable.</exception>
    public (string Text, int Version) Read()
    {
        if (Path is null)
        {
            return (_value!, 0);
        }

        lock (_gate)
        {
            try
            {
                // Stamp the final target: credentials mounted as symlinks rotate by re-pointing the link.
                var link = new FileInfo(Path);
                var file = link.Exists ? link.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? link : link;
                if (!file.Exists)
                {
                    throw new OciCredentialException($"The file {Path} named by {Name} does not exist.");
                }

                var stamp = (file.FullName, file.LastWriteTimeUtc, file.Length);
                if (_stamp != stamp || _racy)
                {
                    var text = File.ReadAllText(Path);

                    // Linux stamps mtime from a coarse clock: a rewrite within a few milliseconds of the
                    // previous one can keep mtime and length. Like git's "racily clean" index entries, a
                    // file read too soon after its mtime is compared by content until it has settled.
                    _racy = DateTime.UtcNow - stamp.LastWriteTimeUtc < RacyWindow;
                    if (_stamp is null || text != _text)
                    {
                        _text = text;
                        _version++;
                    }

                    _stamp = stamp;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OciCredentialException($"Cannot read {Path} (named by {Name}): {e.Message}", e);
            }

            return (_text, _version);
        }
    }
}
