using System.Text;
using System.Text.Json;

namespace DevHarness.Emulators.Replay;

/// <summary>Reads events to replay from a fixtures directory (<c>*.json</c>, in name order) or from stdin (one event, an array, or several in a row).</summary>
internal static class FixtureSource
{
    public static IReadOnlyList<FixtureEvent> FromDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The fixtures directory '{directory}' does not exist.");
        }

        var events = Directory.EnumerateFiles(directory, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(file => FixtureEvent.Parse(Path.GetFileName(file), File.ReadAllBytes(file)))
            .ToList();
        return events.Count > 0 ? events : throw new FileNotFoundException($"The fixtures directory '{directory}' holds no *.json events.");
    }

    public static IReadOnlyList<FixtureEvent> FromText(string text, string name = "stdin")
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        var events = new List<FixtureEvent>();
        try
        {
            while (reader.Read())
            {
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    var values = document.RootElement.ValueKind == JsonValueKind.Array
                        ? document.RootElement.EnumerateArray().ToList()
                        : [document.RootElement];
                    foreach (var value in values)
                    {
                        events.Add(FixtureEvent.Parse($"{name}#{events.Count + 1}", Encoding.UTF8.GetBytes(value.GetRawText())));
                    }
                }
            }
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{name}: not valid JSON after {events.Count} event(s): {ex.Message}", ex);
        }

        return events.Count > 0 ? events : throw new FormatException($"{name}: no event given.");
    }
}
