using System.Globalization;
using DevHarness.Oci.Connections;

namespace DevHarness.Relay.Configuration;

/// <summary>
/// Reads and validates <see cref="RelaySettings"/>. This is not the options binder on purpose: the
/// binder throws on the first value it cannot convert, and the relay must report every problem in one
/// error and refuse to start half-configured.
/// </summary>
/// <remarks>
/// Where a value comes from, strongest first: the relay's keys (<c>Stream:*</c>, <c>ObjectStorage:*</c>,
/// <c>Oci:*</c>; environment, command line, <c>appsettings.json</c>), the original function's variables
/// (<see cref="LegacyEnvironment"/>), then the Aspire connection strings <c>ConnectionStrings:objectstorage</c>
/// and <c>ConnectionStrings:stream</c> (other names with <c>Relay:ObjectStorageConnection</c> /
/// <c>Relay:StreamConnection</c>).
/// </remarks>
internal static class RelaySettingsReader
{
    public const string DefaultObjectStorageConnection = "objectstorage";

    public const string DefaultStreamConnection = "stream";

    /// <summary>Reads the settings; every problem found is added to <paramref name="problems"/>.</summary>
    public static RelaySettings Read(IConfiguration configuration, ConfigurationProblems problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);

        var format = ParseEnum(configuration, "Relay:Format", RelayFormat.CloudEvents,
            [("cloudevents", RelayFormat.CloudEvents), ("seed", RelayFormat.Seed)], problems);
        var maxInline = ParseNumber(configuration, "Relay:MaxInlineBytes", RelaySettings.DefaultMaxInlineBytes, problems);
        var deadlineSeconds = ParseNumber(configuration, "Relay:DefaultDeadlineSeconds", (long)RelaySettings.FunctionsDefaultTimeout.TotalSeconds, problems);
        var deliveryTimeoutMs = ParseNumber(configuration, "Stream:DeliveryTimeoutMs", 25_000, problems);
        var auth = ParseEnum<OciAuthMode?>(configuration, "Oci:Auth", null,
            [("auto", OciAuthMode.Auto), ("none", OciAuthMode.None), ("apikey", OciAuthMode.ApiKey),
             ("resourceprincipal", OciAuthMode.ResourcePrincipal)], problems);

        var objectStorageName = Value(configuration, "Relay:ObjectStorageConnection") ?? DefaultObjectStorageConnection;
        var streamName = Value(configuration, "Relay:StreamConnection") ?? DefaultStreamConnection;
        var objectStorage = ParseConnection(configuration, objectStorageName, ObjectStorageConnectionString.Parse, problems, "ObjectStorage:Endpoint")
            ?? new ObjectStorageConnectionString();
        var stream = ParseConnection(configuration, streamName, StreamConnectionString.Parse, problems,
            "Stream:BootstrapServers", "Stream:Endpoint", "Stream:StreamId") ?? new StreamConnectionString();

        // The relay's own keys (and the original variables mapped onto them) as given, before connection strings fill gaps.
        var bootstrap = Value(configuration, "Stream:BootstrapServers");
        var streamId = Value(configuration, "Stream:StreamId");
        var publisher = Publisher(configuration, bootstrap, Value(configuration, "Stream:Endpoint"), streamId, stream, problems);

        var shared = new SharedCredential(objectStorageName, objectStorage, streamName, stream, problems);
        var settings = new RelaySettings
        {
            Format = format,
            MaxInlineBytes = maxInline,
            Publisher = publisher,
            DefaultDeadline = TimeSpan.FromSeconds(deadlineSeconds),
            ObjectStorageEndpoint = ParseUrl(configuration, "ObjectStorage:Endpoint", problems) ?? objectStorage.Endpoint,
            BootstrapServers = bootstrap ?? stream.BootstrapServers,
            Topic = Value(configuration, "Stream:Topic") ?? stream.StreamName ?? RelaySettings.DefaultTopic,
            StreamEndpoint = ParseUrl(configuration, "Stream:Endpoint", problems) ?? stream.MessagesEndpoint,
            StreamId = streamId ?? stream.StreamId,
            SaslUsername = Value(configuration, "Stream:SaslUsername") ?? stream.SaslUsername,
            AuthToken = Value(configuration, "Stream:AuthToken") ?? stream.AuthToken,
            DeliveryTimeout = TimeSpan.FromMilliseconds(deliveryTimeoutMs),
            Auth = auth ?? shared.Auth ?? OciAuthMode.Auto,
            ConfigFile = Value(configuration, "Oci:ConfigFile") ?? shared.Pick("ConfigFile", c => c.ConfigFile, c => c.ConfigFile, "Oci:ConfigFile"),
            Profile = Value(configuration, "Oci:Profile") ?? shared.Pick("Profile", c => c.Profile, c => c.Profile, "Oci:Profile"),
            Region = Value(configuration, "Oci:Region") ?? shared.Pick("Region", c => c.Region?.Id, c => c.Region?.Id, "Oci:Region"),
            TenancyId = Value(configuration, "Oci:TenancyId"),
            UserId = Value(configuration, "Oci:UserId"),
            Fingerprint = Value(configuration, "Oci:Fingerprint"),
            KeyFile = Value(configuration, "Oci:KeyFile"),
            Passphrase = Value(configuration, "Oci:Passphrase"),
        };

        CheckPublisher(settings, problems);
        CheckApiKey(settings, problems);
        return settings;
    }

    /// <summary>
    /// <c>Relay:Publisher</c>, else inferred from the relay's keys (so the original function's
    /// <c>OCI_STREAM_OCID</c> + <c>OCI_STREAM_ENDPOINT</c> select REST as that function did), else from the
    /// stream's connection string, which names both doors and so prefers Kafka when it has a bootstrap address.
    /// Keys for both publishers and no <c>Relay:Publisher</c> are a contradiction, never a silent choice.
    /// </summary>
    private static PublisherKind Publisher(IConfiguration configuration, string? bootstrap, string? streamEndpoint, string? streamId,
        StreamConnectionString stream, ConfigurationProblems problems)
    {
        if (Value(configuration, "Relay:Publisher") is not null)
        {
            return ParseEnum(configuration, "Relay:Publisher", PublisherKind.Kafka,
                [("kafka", PublisherKind.Kafka), ("rest", PublisherKind.Rest)], problems);
        }

        var restKeys = new List<string>();
        if (streamEndpoint is not null)
        {
            restKeys.Add("Stream:Endpoint (or OCI_STREAM_ENDPOINT)");
        }

        if (streamId is not null)
        {
            restKeys.Add("Stream:StreamId (or OCI_STREAM_OCID)");
        }

        if (bootstrap is not null && restKeys.Count > 0)
        {
            problems.Add("Relay:Publisher", $"Stream:BootstrapServers selects the Kafka publisher but {string.Join(" and ", restKeys)} "
                + $"select{(restKeys.Count == 1 ? "s" : "")} the REST publisher: set Relay:Publisher to kafka or rest, or remove the other keys.");
            return PublisherKind.Kafka;
        }

        return bootstrap is not null ? PublisherKind.Kafka
            : restKeys.Count > 0 ? PublisherKind.Rest
            : stream.BootstrapServers is null && (stream.MessagesEndpoint is not null || stream.StreamId is not null) ? PublisherKind.Rest
            : PublisherKind.Kafka;
    }

    private static void CheckPublisher(RelaySettings settings, ConfigurationProblems problems)
    {
        if (settings.Publisher == PublisherKind.Kafka)
        {
            if (settings.BootstrapServers is null && !problems.Concern("Stream:BootstrapServers"))
            {
                problems.Add("Stream:BootstrapServers", "Stream:BootstrapServers is missing: the Kafka publisher needs the broker's bootstrap "
                    + "address (e.g. 127.0.0.1:10109, or cell-1.streaming.<region>.oci.oraclecloud.com:9092); "
                    + "or set Relay:Publisher=rest with Stream:Endpoint and Stream:StreamId.");
            }

            // OCI Streaming's Kafka endpoint takes SASL PLAIN: username and auth token come together (docs/oci-facts.md §3).
            if (settings.AuthToken is not null && settings.SaslUsername is null)
            {
                problems.Add("Stream:SaslUsername", "Stream:SaslUsername is missing while Stream:AuthToken (or OCI_AUTH_TOKEN) is set: "
                    + "OCI Streaming's Kafka endpoint expects <tenancy>/<user>/<stream pool OCID>.");
            }

            if (settings.SaslUsername is not null && settings.AuthToken is null)
            {
                problems.Add("Stream:AuthToken", "Stream:AuthToken is missing while Stream:SaslUsername is set: set the user's auth token.");
            }
        }
        else
        {
            // A value that was given but is not a URL was reported as such already, not as missing as well.
            if (settings.StreamEndpoint is null && !problems.Concern("Stream:Endpoint"))
            {
                problems.Add("Stream:Endpoint", "Stream:Endpoint (or OCI_STREAM_ENDPOINT) is missing: the REST publisher needs the "
                    + "stream's messages endpoint (e.g. http://127.0.0.1:10101).");
            }

            if (settings.StreamId is null && !problems.Concern("Stream:StreamId"))
            {
                problems.Add("Stream:StreamId", "Stream:StreamId (or OCI_STREAM_OCID) is missing: the REST publisher needs the stream OCID.");
            }
        }
    }

    private static void CheckApiKey(RelaySettings settings, ConfigurationProblems problems)
    {
        string?[] inline = [settings.TenancyId, settings.UserId, settings.Fingerprint, settings.KeyFile];
        if (inline.Any(v => v is not null) && !settings.HasInlineApiKey)
        {
            var missing = new List<string>();
            AddIfNull(missing, settings.TenancyId, "Oci:TenancyId (OCI_TENANCY_OCID)");
            AddIfNull(missing, settings.UserId, "Oci:UserId (OCI_USER_OCID)");
            AddIfNull(missing, settings.Fingerprint, "Oci:Fingerprint (OCI_FINGERPRINT)");
            AddIfNull(missing, settings.KeyFile, "Oci:KeyFile (OCI_PRIVATE_KEY_FILE)");
            problems.Add("Oci:TenancyId", "An API key is partly configured; also set " + string.Join(", ", missing) + ".");
        }
    }

    private static void AddIfNull(List<string> missing, string? value, string name)
    {
        if (value is null)
        {
            missing.Add(name);
        }
    }

    /// <summary>
    /// A connection string, or null when absent or malformed. A malformed one is reported once, and also stands
    /// for the relay keys it would have filled (<paramref name="fills"/>), so they are not reported as missing too.
    /// </summary>
    private static T? ParseConnection<T>(IConfiguration configuration, string name, Func<string, T> parse, ConfigurationProblems problems,
        params string[] fills)
        where T : class
    {
        var key = "ConnectionStrings:" + name;
        if (Value(configuration, key) is not { } text)
        {
            return null;
        }

        try
        {
            return parse(text);
        }
        catch (FormatException ex)
        {
            problems.Add([key, .. fills], $"{key}: {ex.Message}");
            return null;
        }
    }

    private static string? Value(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();

    private static T ParseEnum<T>(IConfiguration configuration, string key, T fallback,
        (string Name, T Value)[] allowed, ConfigurationProblems problems)
    {
        var raw = Value(configuration, key);
        if (raw is null)
        {
            return fallback;
        }

        foreach (var (name, value) in allowed)
        {
            if (string.Equals(raw, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        problems.Add(key, $"{key} is '{raw}': expected one of {string.Join(", ", allowed.Select(a => a.Name))}.");
        return fallback;
    }

    private static long ParseNumber(IConfiguration configuration, string key, long fallback, ConfigurationProblems problems)
    {
        var raw = Value(configuration, key);
        if (raw is null)
        {
            return fallback;
        }

        if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        problems.Add(key, $"{key} is '{raw}': expected a positive whole number.");
        return fallback;
    }

    private static Uri? ParseUrl(IConfiguration configuration, string key, ConfigurationProblems problems)
    {
        var raw = Value(configuration, key);
        if (raw is null)
        {
            return null;
        }

        if (Uri.TryCreate(raw, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        problems.Add(key, $"{key} is '{raw}': expected an absolute http:// or https:// URL.");
        return null;
    }

    /// <summary>
    /// The credential settings both connection strings may carry (region, config file, profile, auth). The
    /// relay signs Object Storage and Streaming with one credential, so two different values are a problem.
    /// </summary>
    private sealed class SharedCredential(string objectStorageName, ObjectStorageConnectionString objectStorage,
        string streamName, StreamConnectionString stream, ConfigurationProblems problems)
    {
        public OciAuthMode? Auth => Pick("Auth", c => c.Auth?.ToString(), c => c.Auth?.ToString(), "Oci:Auth") switch
        {
            nameof(ConnectionAuth.ApiKey) => OciAuthMode.ApiKey,
            nameof(ConnectionAuth.ResourcePrincipal) => OciAuthMode.ResourcePrincipal,
            nameof(ConnectionAuth.None) => OciAuthMode.None,
            _ => null,
        };

        public string? Pick(string name, Func<ObjectStorageConnectionString, string?> fromObjectStorage,
            Func<StreamConnectionString, string?> fromStream, string overrideKey)
        {
            var first = fromObjectStorage(objectStorage);
            var second = fromStream(stream);
            if (first is not null && second is not null && first != second)
            {
                problems.Add(overrideKey, $"ConnectionStrings:{objectStorageName} has {name}={first} but ConnectionStrings:{streamName} has "
                    + $"{name}={second}: the relay signs both with one credential; set {overrideKey} to choose.");
            }

            return first ?? second;
        }
    }
}
