using System.Globalization;

namespace DevHarness.Emulators.Streaming;

/// <summary>One OCI stream the emulator serves: its OCID, its name (= the Kafka topic) and partition count.</summary>
internal sealed record StreamDefinition(string Ocid, string Name, int Partitions)
{
    /// <summary>The local-profile default (docs/architecture.md "Default addresses"): <c>ocid1.stream.oc1.local.relay=relay:3</c>.</summary>
    public static StreamDefinition Default { get; } = new("ocid1.stream.oc1.local.relay", "relay", 3);

    /// <summary>Parses <c>OCID=NAME[:PARTITIONS]</c> (the <c>--stream</c> option).</summary>
    public static StreamDefinition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            throw new FormatException($"--stream '{text}' is not OCID=NAME[:PARTITIONS], e.g. ocid1.stream.oc1.local.relay=relay:3.");
        }

        var ocid = text[..equals];
        var rest = text[(equals + 1)..];
        var partitions = 1;
        var colon = rest.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out partitions) || partitions is < 1 or > 1000)
            {
                throw new FormatException($"--stream '{text}': the partition count after ':' must be a whole number from 1 to 1000.");
            }
            rest = rest[..colon];
        }

        if (rest.Length == 0 || rest.Length > 249 || rest.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
        {
            throw new FormatException($"--stream '{text}': the stream name '{rest}' must be 1-249 characters of letters, digits, '.', '_' or '-' (it is the Kafka topic).");
        }

        return new StreamDefinition(ocid, rest, partitions);
    }

    public override string ToString() => $"{Ocid}={Name}:{Partitions}";
}
