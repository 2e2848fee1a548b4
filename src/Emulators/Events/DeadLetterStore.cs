using System.Text;
using System.Text.Json;

namespace DevHarness.Emulators.Events;

/// <summary>
/// Keeps dead letters across restarts when the emulator has a data folder (<c>--data-dir</c>): one JSON
/// line per dead letter in <c>DIR/deadletters.jsonl</c>, appended and flushed to disk as each one happens,
/// read back at start. A line that cannot be read (a crash mid-write) is reported by file and line number
/// and skipped; the file itself is left as it is. Without a folder, dead letters live in memory only.
/// </summary>
internal sealed class DeadLetterStore
{
    public const string FileName = "deadletters.jsonl";

    private readonly Lock _gate = new();

    public DeadLetterStore(string? dataDirectory)
    {
        if (dataDirectory is null)
        {
            return;
        }

        Directory.CreateDirectory(dataDirectory);
        Path = System.IO.Path.Combine(System.IO.Path.GetFullPath(dataDirectory), FileName);
        if (File.Exists(Path))
        {
            Load(Path);
        }
    }

    /// <summary>The dead-letter file, or null without a data folder.</summary>
    public string? Path { get; }

    /// <summary>The dead letters read back at start.</summary>
    public List<DeadLetter> Loaded { get; } = [];

    /// <summary>What could not be read back, one sentence per line, naming the file and the line.</summary>
    public List<string> LoadProblems { get; } = [];

    public void Append(DeadLetter letter)
    {
        if (Path is null)
        {
            return;
        }

        var line = JsonSerializer.SerializeToUtf8Bytes(letter, EventsJsonContext.Default.DeadLetter);
        lock (_gate)
        {
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(line);
            file.WriteByte((byte)'\n');
            file.Flush(flushToDisk: true);
        }
    }

    private void Load(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                Loaded.Add(JsonSerializer.Deserialize(line, EventsJsonContext.Default.DeadLetter) ?? throw new JsonException("the line holds null"));
            }
            catch (JsonException ex)
            {
                LoadProblems.Add($"{path} line {number} is not a readable dead letter ({ex.Message}); it is skipped and left in the file.");
            }
        }
    }
}
