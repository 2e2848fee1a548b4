using System.Text;
using System.Text.Json;

namespace DevHarness.Hosting.Oci;

/// <summary>One message read by <see cref="StreamTail"/>, with a one-line decoding for the console.</summary>
internal sealed record TailedMessage(int Partition, long Offset, DateTime Timestamp, byte[]? Key, byte[] Value)
{
    private const int PreviewChars = 80;

    public string KeyText => Key is null ? "(null)" : Encoding.UTF8.GetString(Key);

    /// <summary>
    /// OCI events show their type, id and object; relay CloudEvents their type, id, subject and decoded data
    /// size with a text preview; anything else a UTF-8 or byte-count preview.
    /// </summary>
    public string Summary()
    {
        try
        {
            using var document = JsonDocument.Parse(Value);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("eventType", out var eventType))
                {
                    var resource = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                        && data.TryGetProperty("resourceName", out var name) ? name.GetString() : null;
                    return $"OCI event {eventType.GetString()} id={Text(root, "eventID")} object={resource}";
                }

                if (root.TryGetProperty("type", out var type))
                {
                    var line = $"{type.GetString()} id={Text(root, "id")} subject={Text(root, "subject")}";
                    if (root.TryGetProperty("data_base64", out var data64) && data64.ValueKind == JsonValueKind.String)
                    {
                        var bytes = Convert.FromBase64String(data64.GetString()!);
                        line += $" data={bytes.Length} bytes {Preview(bytes)}";
                    }
                    else if (root.TryGetProperty("data", out var data))
                    {
                        line += $" data={Truncate(data.GetRawText())}";
                    }

                    return line;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (the seed format's data-key-1 carries the raw object): fall through to a preview.
        }
        catch (FormatException)
        {
            return "data_base64 is not valid base64";
        }

        return $"{Value.Length} bytes {Preview(Value)}";
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.ToString() : "-";

    private static string Preview(byte[] bytes) =>
        System.Text.Unicode.Utf8.IsValid(bytes)
            ? Truncate(Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, PreviewChars * 4)).ReplaceLineEndings(" "))
            : "(binary)";

    private static string Truncate(string text) =>
        text.Length <= PreviewChars ? $"\"{text}\"" : $"\"{text[..PreviewChars]}…\"";
}
