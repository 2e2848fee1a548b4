using System.Globalization;
using System.Text;

namespace DevHarness.AppHost;

/// <summary>
/// Turns the harness's own command-line options (<c>--kafka embedded</c>, <c>--no-replay</c>,
/// <c>--oci-profile NAME</c>, …) into configuration keys under <c>DevHarness:</c>, and leaves every other
/// argument to Aspire. .NET's command-line configuration provider cannot do this itself: it reads the
/// word after a bare switch such as <c>--no-replay</c> as that switch's value.
/// </summary>
internal static class HarnessArguments
{
    public const string Section = "DevHarness";

    private static readonly HashSet<string> ValueOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "kafka", "publisher", "format", "namespace", "bucket", "stream-name", "stream-ocid", "partitions",
        "objectstorage-port", "stream-port", "events-port", "kafka-port", "relay-port",
        "oci-profile", "oci-config-file", "region", "objectstorage-endpoint", "stream-endpoint", "kafka-bootstrap", "sasl-username",
        "auth-token", "stream-data-dir",
    };

    private static readonly HashSet<string> FlagOptions = new(StringComparer.OrdinalIgnoreCase) { "no-replay" };

    /// <summary>Options whose values are not ours when they are not: Aspire's publish mode uses <c>--publisher</c> too.</summary>
    private static readonly HashSet<string> OurPublishers = new(StringComparer.OrdinalIgnoreCase) { "kafka", "rest" };

    public static (Dictionary<string, string?> Settings, string[] Remaining) Split(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var remaining = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                remaining.Add(arg);
                continue;
            }

            var body = arg[2..];
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            var name = equals >= 0 ? body[..equals] : body;
            if (FlagOptions.Contains(name))
            {
                settings[Key(name)] = equals >= 0 ? body[(equals + 1)..] : "true";
                continue;
            }

            if (!ValueOptions.Contains(name))
            {
                remaining.Add(arg);
                continue;
            }

            string? value;
            var consumedNext = false;
            if (equals >= 0)
            {
                value = body[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[i + 1];
                consumedNext = true;
            }
            else
            {
                throw new HarnessConfigurationException([$"--{name} needs a value."]);
            }

            if (name.Equals("publisher", StringComparison.OrdinalIgnoreCase) && !OurPublishers.Contains(value))
            {
                remaining.Add(arg);
                continue;
            }

            settings[Key(name)] = value;
            if (consumedNext)
            {
                i++;
            }
        }

        return (settings, [.. remaining]);
    }

    /// <summary><c>stream-ocid</c> → <c>DevHarness:StreamOcid</c> (also settable as <c>DevHarness__StreamOcid</c>).</summary>
    public static string Key(string option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var key = new StringBuilder(Section).Append(':');
        foreach (var part in option.Split('-', StringSplitOptions.RemoveEmptyEntries))
        {
            key.Append(char.ToUpper(part[0], CultureInfo.InvariantCulture)).Append(part.AsSpan(1));
        }

        return key.ToString();
    }
}
