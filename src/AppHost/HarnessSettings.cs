using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DevHarness.AppHost;

/// <summary>
/// Everything the topology depends on, read once from configuration (command line via
/// <see cref="HarnessArguments"/>, <c>DevHarness__*</c> environment variables, <c>Parameters:*</c>) and
/// validated as a whole.
/// </summary>
internal sealed record HarnessSettings
{
    public const string DefaultNamespace = "devharness";
    public const string DefaultBucket = "uploads";
    public const string DefaultStreamName = "relay";
    public const string DefaultStreamOcid = "ocid1.stream.oc1.local.relay";
    public const int DefaultPartitions = 3;

    public required KafkaMode Kafka { get; init; }

    /// <summary><c>kafka</c> (Kafka protocol) or <c>rest</c> (PutMessages through the facade or OCI).</summary>
    public required string Publisher { get; init; }

    /// <summary><c>cloudevents</c> or <c>seed</c> (docs/message-contract.md).</summary>
    public required string Format { get; init; }

    public required bool ReplayOnStart { get; init; }

    public required string Namespace { get; init; }

    public required string Bucket { get; init; }

    public required string StreamName { get; init; }

    public required string StreamOcid { get; init; }

    public required int Partitions { get; init; }

    public required HarnessPorts Ports { get; init; }

    /// <summary>Where the stream keeps its log across runs; null for a throwaway stream (<c>--stream-data-dir none</c>).</summary>
    public string? StreamDataFolder { get; init; }

    /// <summary>Set when an OCI profile is named: no emulators, the relay talks to the tenancy.</summary>
    public OciProfileSettings? Oci { get; init; }

    /// <summary>The stream's data folder, relative to the AppHost project, unless <c>--stream-data-dir</c> says otherwise.</summary>
    public const string DefaultStreamDataFolder = ".devharness/stream";

    public static HarnessSettings Load(IConfiguration configuration, string homeDirectory, string appHostDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var profile = Setting(configuration, "oci-profile") ?? NonEmpty(configuration["OCI_CLI_PROFILE"]);

        var kafka = Choice(configuration, "kafka", "auto", ["auto", "embedded", "container"], problems);
        var publisher = Choice(configuration, "publisher", profile is null ? "kafka" : null, ["kafka", "rest"], problems);
        var format = Choice(configuration, "format", "cloudevents", ["cloudevents", "seed"], problems);
        var ports = new HarnessPorts(
            Port(configuration, "objectstorage-port", HarnessPorts.DefaultObjectStorage, problems),
            Port(configuration, "stream-port", HarnessPorts.DefaultStream, problems),
            Port(configuration, "events-port", HarnessPorts.DefaultEvents, problems),
            Port(configuration, "kafka-port", HarnessPorts.DefaultKafka, problems),
            Port(configuration, "relay-port", HarnessPorts.DefaultRelay, problems));
        var distinct = new[] { ports.ObjectStorage, ports.Stream, ports.Events, ports.Kafka, ports.Relay };
        if (profile is null && distinct.Distinct().Count() != distinct.Length)
        {
            problems.Add($"ports must differ: objectstorage {ports.ObjectStorage}, stream {ports.Stream}, events {ports.Events}, kafka {ports.Kafka}, relay {ports.Relay}.");
        }

        var partitionsText = Parameter(configuration, "partitions");
        var partitions = DefaultPartitions;
        if (partitionsText is not null
            && (!int.TryParse(partitionsText, NumberStyles.None, CultureInfo.InvariantCulture, out partitions) || partitions is < 1 or > 256))
        {
            problems.Add($"--partitions must be a whole number from 1 to 256; found '{partitionsText}'.");
        }

        OciProfileSettings? oci = null;
        if (profile is not null)
        {
            oci = OciProfileSettings.Load(configuration, profile, publisher, homeDirectory, problems);
        }

        if (problems.Count > 0)
        {
            throw new HarnessConfigurationException(problems);
        }

        return new HarnessSettings
        {
            Kafka = Enum.Parse<KafkaMode>(kafka!, ignoreCase: true),
            Publisher = oci?.Publisher ?? publisher!,
            Format = format!,
            ReplayOnStart = !IsTrue(Setting(configuration, "no-replay")),
            Namespace = Parameter(configuration, "namespace") ?? DefaultNamespace,
            Bucket = Parameter(configuration, "bucket") ?? DefaultBucket,
            StreamName = Parameter(configuration, "stream-name") ?? DefaultStreamName,
            StreamOcid = Parameter(configuration, "stream-ocid") ?? DefaultStreamOcid,
            Partitions = partitions,
            Ports = ports,
            StreamDataFolder = StreamData(Setting(configuration, "stream-data-dir"), appHostDirectory),
            Oci = oci,
        };
    }

    /// <summary>A harness option: <c>--name</c> on the command line or <c>DevHarness__Name</c> in the environment.</summary>
    public static string? Setting(IConfiguration configuration, string option) =>
        NonEmpty(configuration[HarnessArguments.Key(option)]);

    /// <summary>An Aspire parameter (<c>Parameters:name</c>, shown on the dashboard) or its harness option.</summary>
    public static string? Parameter(IConfiguration configuration, string name) =>
        NonEmpty(configuration[$"Parameters:{name}"]) ?? Setting(configuration, name);

    private static string? Choice(IConfiguration configuration, string option, string? fallback, string[] allowed, List<string> problems)
    {
        var value = Setting(configuration, option)?.ToLowerInvariant() ?? fallback;
        if (value is not null && !allowed.Contains(value))
        {
            problems.Add($"--{option} must be one of {string.Join(", ", allowed)}; found '{value}'.");
        }

        return value;
    }

    private static int Port(IConfiguration configuration, string option, int fallback, List<string> problems)
    {
        var text = Setting(configuration, option);
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
        {
            return port;
        }

        problems.Add($"--{option} must be a TCP port from 1 to 65535; found '{text}'.");
        return fallback;
    }

    private static string? StreamData(string? option, string appHostDirectory) =>
        string.Equals(option, "none", StringComparison.OrdinalIgnoreCase)
            ? null
            : Path.GetFullPath(option ?? DefaultStreamDataFolder, appHostDirectory);

    private static bool IsTrue(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
