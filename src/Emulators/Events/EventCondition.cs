using System.Text.Json;

namespace DevHarness.Emulators.Events;

/// <summary>
/// An OCI Events rule condition, written as in the console or Terraform: <c>{"eventType": [...], "data":
/// {"additionalDetails": {"bucketName": ["uploads", "logs-*"]}, "resourceName": "*.csv"}}</c>. Attributes
/// are ANDed, list values ORed, <c>*</c> matches any run of characters, objects nest into the event; an
/// empty condition matches every event. An attribute the event lacks does not match.
/// </summary>
internal sealed class EventCondition
{
    private readonly JsonElement _condition;

    private EventCondition(JsonElement condition) => _condition = condition;

    public static EventCondition Everything { get; } = Parse("{}");

    /// <summary>Parses a condition; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static EventCondition Parse(string json)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The rule condition is not valid JSON: {ex.Message}", ex);
        }

        Validate(root, "condition");
        return new EventCondition(root);
    }

    public static EventCondition FromElement(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? Parse(element.GetString()!) : Parse(element.GetRawText());

    public bool Matches(JsonElement @event) => Matches(_condition, @event);

    public override string ToString() => _condition.GetRawText();

    private static bool Matches(JsonElement condition, JsonElement value)
    {
        switch (condition.ValueKind)
        {
            case JsonValueKind.Object:
                if (value.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                foreach (var attribute in condition.EnumerateObject())
                {
                    if (!value.TryGetProperty(attribute.Name, out var actual) || !Matches(attribute.Value, actual))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                return condition.EnumerateArray().Any(alternative => Matches(alternative, value));
            default:
                return value.ValueKind == JsonValueKind.Array
                    ? value.EnumerateArray().Any(item => Matches(condition, item))
                    : Wildcard.IsMatch(ScalarText(condition), ScalarText(value));
        }
    }

    private static string ScalarText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => element.GetRawText(),
    };

    private static void Validate(JsonElement element, string path)
    {
        if (path == "condition" && element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"The rule condition must be a JSON object, not {element.ValueKind}.");
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var attribute in element.EnumerateObject())
                {
                    Validate(attribute.Value, $"{path}.{attribute.Name}");
                }

                break;
            case JsonValueKind.Array:
                if (element.GetArrayLength() == 0)
                {
                    throw new FormatException($"'{path}' is an empty list; it could never match. List at least one value.");
                }

                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        throw new FormatException($"'{path}' lists a {item.ValueKind}; list values must be strings.");
                    }
                }

                break;
        }
    }
}
