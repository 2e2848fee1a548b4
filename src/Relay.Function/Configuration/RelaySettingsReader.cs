using System.Globalization;

namespace DevHarness.Relay.Configuration;

/// <summary>
/// Reads and validates <see cref="RelaySettings"/>. This is not the options binder on purpose: the
/// binder throws on the first value it cannot convert, and the relay must report every problem in one
/// error and refuse to start half-configured (issue 5 §2).
/// </summary>
internal static class RelaySettingsReader
{
    /// <summary>Reads the settings; every problem found is added to <paramref name="problems"/>.</summary>
    public static RelaySettings Read(IConfiguration configuration, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);

        var format = ParseEnum(configuration, "Relay:Format", RelayFormat.CloudEvents,
            [("cloudevents", RelayFormat.CloudEvents), ("seed", RelayFormat.Seed)], problems);
        var maxInline = ParseNumber(configuration, "Relay:MaxInlineBytes", RelaySettings.DefaultMaxInlineBytes, problems);
        var deliveryTimeoutMs = ParseNumber(configuration, "Stream:DeliveryTimeoutMs", 25_000, problems);
        var auth = ParseEnum(configuration, "Oci:Auth", OciAuthMode.Auto,
            [("auto", OciAuthMode.Auto), ("none", OciAuthMode.None), ("apikey", OciAuthMode.ApiKey),
             ("resourceprincipal", OciAuthMode.ResourcePrincipal)], problems);

        var bootstrap = Value(configuration, "Stream:BootstrapServers");
        var streamEndpoint = ParseUrl(configuration, "Stream:Endpoint", problems);
        var streamId = Value(configuration, "Stream:StreamId");
        var objectStorageEndpoint = ParseUrl(configuration, "ObjectStorage:Endpoint", problems);

        // Without Relay:Publisher the relay infers it from what is configured, so the original function's
        // variables (OCI_STREAM_OCID + OCI_STREAM_ENDPOINT) select REST exactly as that function did.
        PublisherKind publisher;
        if (Value(configuration, "Relay:Publisher") is null)
        {
            publisher = bootstrap is null && (streamEndpoint is not null || streamId is not null)
                ? PublisherKind.Rest
                : PublisherKind.Kafka;
        }
        else
        {
            publisher = ParseEnum(configuration, "Relay:Publisher", PublisherKind.Kafka,
                [("kafka", PublisherKind.Kafka), ("rest", PublisherKind.Rest)], problems);
        }

        var settings = new RelaySettings
        {
            Format = format,
            MaxInlineBytes = maxInline,
            Publisher = publisher,
            ObjectStorageEndpoint = objectStorageEndpoint,
            BootstrapServers = bootstrap,
            Topic = Value(configuration, "Stream:Topic") ?? RelaySettings.DefaultTopic,
            StreamEndpoint = streamEndpoint,
            StreamId = streamId,
            SaslUsername = Value(configuration, "Stream:SaslUsername"),
            AuthToken = Value(configuration, "Stream:AuthToken"),
            DeliveryTimeout = TimeSpan.FromMilliseconds(deliveryTimeoutMs),
            Auth = auth,
            ConfigFile = Value(configuration, "Oci:ConfigFile"),
            Profile = Value(configuration, "Oci:Profile"),
            Region = Value(configuration, "Oci:Region"),
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

    private static void CheckPublisher(RelaySettings settings, List<string> problems)
    {
        if (settings.Publisher == PublisherKind.Kafka)
        {
            if (settings.BootstrapServers is null)
            {
                problems.Add("Stream:BootstrapServers is missing: the Kafka publisher needs the broker's bootstrap "
                    + "address (e.g. 127.0.0.1:10109, or cell-1.streaming.<region>.oci.oraclecloud.com:9092); "
                    + "or set Relay:Publisher=rest with Stream:Endpoint and Stream:StreamId.");
            }

            // OCI Streaming's Kafka endpoint takes SASL PLAIN: username and auth token come together (OCI-NOTES §3).
            if (settings.AuthToken is not null && settings.SaslUsername is null)
            {
                problems.Add("Stream:SaslUsername is missing while Stream:AuthToken (or OCI_AUTH_TOKEN) is set: "
                    + "set it to <tenancyName>/<username>/<streamPoolId> (or with the identity domain).");
            }

            if (settings.SaslUsername is not null && settings.AuthToken is null)
            {
                problems.Add("Stream:AuthToken is missing while Stream:SaslUsername is set: set the user's auth token.");
            }
        }
        else
        {
            if (settings.StreamEndpoint is null)
            {
                problems.Add("Stream:Endpoint (or OCI_STREAM_ENDPOINT) is missing: the REST publisher needs the "
                    + "stream's messages endpoint (e.g. http://127.0.0.1:10101).");
            }

            if (settings.StreamId is null)
            {
                problems.Add("Stream:StreamId (or OCI_STREAM_OCID) is missing: the REST publisher needs the stream OCID.");
            }
        }
    }

    private static void CheckApiKey(RelaySettings settings, List<string> problems)
    {
        string?[] inline = [settings.TenancyId, settings.UserId, settings.Fingerprint, settings.KeyFile];
        if (inline.Any(v => v is not null) && !settings.HasInlineApiKey)
        {
            var missing = new List<string>();
            AddIfNull(missing, settings.TenancyId, "Oci:TenancyId (OCI_TENANCY_OCID)");
            AddIfNull(missing, settings.UserId, "Oci:UserId (OCI_USER_OCID)");
            AddIfNull(missing, settings.Fingerprint, "Oci:Fingerprint (OCI_FINGERPRINT)");
            AddIfNull(missing, settings.KeyFile, "Oci:KeyFile (OCI_PRIVATE_KEY_FILE)");
            problems.Add("An API key is partly configured; also set " + string.Join(", ", missing) + ".");
        }
    }

    private static void AddIfNull(List<string> missing, string? value, string name)
    {
        if (value is null)
        {
            missing.Add(name);
        }
    }

    private static string? Value(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();

    private static T ParseEnum<T>(IConfiguration configuration, string key, T fallback,
        (string Name, T Value)[] allowed, List<string> problems)
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

        problems.Add($"{key} is '{raw}': expected one of {string.Join(", ", allowed.Select(a => a.Name))}.");
        return fallback;
    }

    private static long ParseNumber(IConfiguration configuration, string key, long fallback, List<string> problems)
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

        problems.Add($"{key} is '{raw}': expected a positive whole number.");
        return fallback;
    }

    private static Uri? ParseUrl(IConfiguration configuration, string key, List<string> problems)
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

        problems.Add($"{key} is '{raw}': expected an absolute http:// or https:// URL.");
        return null;
    }
}
