using System.Text.Json;

namespace DevHarness.Emulators.Events;

/// <summary>
/// Reads the rules file (README "Events emulator"): <c>{"rules": [{"displayName", "isEnabled", "condition",
/// "actions": [{"target", "isEnabled"}]}]}</c>. <c>condition</c> may be a JSON object or, as Terraform's
/// <c>oci_events_rule</c> stores it, a string holding JSON. Errors name the rule and the field.
/// </summary>
internal static class RulesFile
{
    public const string DefaultTarget = "http://127.0.0.1:8080/call";

    /// <summary>The local profile's rule: object created, updated or deleted in bucket <c>uploads</c> → the relay.</summary>
    public static EventRule DefaultRule(string target) => new(
        "uploads-to-relay",
        IsEnabled: true,
        EventCondition.Parse("""
            {
              "eventType": [
                "com.oraclecloud.objectstorage.createobject",
                "com.oraclecloud.objectstorage.updateobject",
                "com.oraclecloud.objectstorage.deleteobject"
              ],
              "data": { "additionalDetails": { "bucketName": ["uploads"] } }
            }
            """),
        [target]);

    public static IReadOnlyList<EventRule> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The rules file '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static IReadOnlyList<EventRule> Parse(string json, string source = "rules")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}: not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"{source}: expected an object with a \"rules\" array.");
            }

            var result = new List<EventRule>();
            var index = 0;
            foreach (var rule in rules.EnumerateArray())
            {
                var name = rule.TryGetProperty("displayName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : $"rule {index}";
                var where = $"{source}: rule '{name}'";
                var enabled = !rule.TryGetProperty("isEnabled", out var e) || e.ValueKind != JsonValueKind.False;
                if (!rule.TryGetProperty("condition", out var conditionElement))
                {
                    throw new FormatException($"{where} has no \"condition\" (use {{}} to match every event).");
                }

                EventCondition condition;
                try
                {
                    condition = EventCondition.FromElement(conditionElement);
                }
                catch (FormatException ex)
                {
                    throw new FormatException($"{where}: {ex.Message}", ex);
                }

                var targets = new List<string>();
                if (rule.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array)
                {
                    foreach (var action in actions.EnumerateArray())
                    {
                        if (action.TryGetProperty("isEnabled", out var actionEnabled) && actionEnabled.ValueKind == JsonValueKind.False)
                        {
                            continue;
                        }

                        var target = action.TryGetProperty("target", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                        if (target is null || !FunctionTarget.IsValid(target))
                        {
                            throw new FormatException($"{where}: every action needs a \"target\" that is an http(s) URL or unix:/path/to/lsnr.sock.");
                        }

                        targets.Add(target);
                    }
                }

                if (targets.Count == 0)
                {
                    throw new FormatException($"{where} has no enabled action with a \"target\".");
                }

                result.Add(new EventRule(name, enabled, condition, targets));
                index++;
            }

            if (result.Count == 0)
            {
                throw new FormatException($"{source}: the \"rules\" array is empty; an events emulator without rules would accept every event and invoke nothing. Add a rule, or leave out --rules for the default one.");
            }

            return result;
        }
    }
}
