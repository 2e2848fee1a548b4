using System.Data.Common;
using System.Globalization;
using DevHarness.Oci.Regions;

namespace DevHarness.Oci.Connections;

/// <summary>
/// Reads the <c>key=value;…</c> pairs of an Aspire-style connection string (the grammar of
/// <see cref="DbConnectionStringBuilder"/>: keys case-insensitive, values quoted when they hold <c>;</c>)
/// and collects every problem, so a parser can report them all in one <see cref="FormatException"/>.
/// Keys it is not asked about are ignored, so a connection string from a newer AppHost still parses.
/// </summary>
internal sealed class ConnectionStringReader
{
    private readonly DbConnectionStringBuilder _pairs = new();
    private readonly List<string> _problems = [];
    private readonly string _kind;

    public ConnectionStringReader(string kind, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        _kind = kind;
        try
        {
            _pairs.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            // DbConnectionStringBuilder's own message gives an index and no hint.
            _problems.Add("it is not a list of key=value pairs separated by ';' (quote a value that holds ';' or '=')");
        }
    }

    /// <summary>The value of <paramref name="key"/>, trimmed; null when absent or blank.</summary>
    public string? String(string key) =>
        _pairs.TryGetValue(key, out var value) && value is string text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    /// <summary>An absolute http:// or https:// URL.</summary>
    public Uri? Url(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        _problems.Add($"{key} is '{text}': expected an absolute http:// or https:// URL");
        return null;
    }

    /// <summary>A region id or short code (<see cref="Regions.Region.Parse"/>).</summary>
    public Region? Region(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (Regions.Region.TryParse(text, out var region))
        {
            return region;
        }

        _problems.Add($"{key} is '{text}': expected a region id or code, e.g. us-phoenix-1 or phx");
        return null;
    }

    /// <summary><c>ApiKey</c>, <c>ResourcePrincipal</c> or <c>None</c>, case-insensitively.</summary>
    public ConnectionAuth? Auth(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (Enum.TryParse<ConnectionAuth>(text, ignoreCase: true, out var auth) && Enum.IsDefined(auth) && !char.IsDigit(text[0]))
        {
            return auth;
        }

        _problems.Add($"{key} is '{text}': expected one of {string.Join(", ", Enum.GetNames<ConnectionAuth>())}");
        return null;
    }

    /// <summary>A comma-separated list of <c>host:port</c>, as Kafka clients take it.</summary>
    public string? HostPorts(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        foreach (var server in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var colon = server.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(server[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                _problems.Add($"{key} is '{text}': expected host:port[,host:port…], e.g. 127.0.0.1:10109");
                return null;
            }
        }

        return text;
    }

    /// <summary>Throws one <see cref="FormatException"/> naming every problem found so far.</summary>
    public void ThrowIfInvalid()
    {
        if (_problems.Count > 0)
        {
            throw new FormatException($"The {_kind} connection string is not valid: {string.Join("; ", _problems)}.");
        }
    }

    /// <summary>Writes the pairs that have a value, in the order given, quoting values as needed.</summary>
    public static string Format(params (string Key, object? Value)[] pairs)
    {
        var builder = new DbConnectionStringBuilder();
        foreach (var (key, value) in pairs)
        {
            var text = value switch
            {
                null => null,
                Uri uri => uri.OriginalString,
                Region region => region.Id,
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
            if (!string.IsNullOrEmpty(text))
            {
                builder[key] = text;
            }
        }

        return builder.ConnectionString;
    }
}
