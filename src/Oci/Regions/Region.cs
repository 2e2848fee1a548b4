using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace DevHarness.Oci.Regions;

/// <summary>
/// An OCI region and the public endpoints of the services DevHarness talks to there.
/// Parse one from an id (<c>us-phoenix-1</c>) or a short code (<c>phx</c>), case-insensitively.
/// </summary>
public sealed partial class Region : IEquatable<Region>
{
    internal Region(string id, string? code, Realm realm, bool isKnown)
    {
        Id = id;
        Code = code;
        Realm = realm;
        IsKnown = isKnown;
    }

    /// <summary>The region id, e.g. <c>us-phoenix-1</c>.</summary>
    public string Id { get; }

    /// <summary>The three-letter short code, e.g. <c>phx</c>; null for a region not in the catalog.</summary>
    public string? Code { get; }

    /// <summary>The realm the region belongs to.</summary>
    public Realm Realm { get; }

    /// <summary>
    /// False when the id was accepted only for its shape (a region newer than this catalog); such a
    /// region is assumed to be in realm <c>oc1</c>.
    /// </summary>
    public bool IsKnown { get; }

    /// <summary>Object Storage: <c>https://objectstorage.&lt;id&gt;.&lt;domain&gt;</c> (docs/oci-facts.md §4).</summary>
    public Uri ObjectStorageEndpoint => new($"https://objectstorage.{Id}.{Realm.Domain}");

    /// <summary>Streaming (control plane and the default messages endpoint): <c>https://streaming.&lt;id&gt;.oci.&lt;domain&gt;</c>.</summary>
    public Uri StreamingEndpoint => new($"https://streaming.{Id}.oci.{Realm.Domain}");

    /// <summary>
    /// Parses a region id or short code. A known id or code gives the catalogued region. Any other
    /// string shaped like a region id (<c>xx-name-1</c>, lowercase letters and digits) is accepted as
    /// a region of realm <c>oc1</c> with <see cref="IsKnown"/> false, because OCI opens regions faster
    /// than this catalog is updated; give explicit endpoints if such a region lives in another realm.
    /// Everything else — including an unknown three-letter code — is an error.
    /// </summary>
    /// <exception cref="FormatException">The text is neither a known region or code nor shaped like a region id.</exception>
    public static Region Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var region, out var error) ? region : throw new FormatException(error);
    }

    /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Region? region) =>
        TryParse(text, out region, out _);

    private static bool TryParse(string? text, [NotNullWhen(true)] out Region? region, out string error)
    {
        region = null;
        var value = text?.Trim().ToLowerInvariant() ?? "";
        if (value.Length == 0)
        {
            error = "An OCI region is required: give a region id such as us-phoenix-1 or a short code such as phx.";
            return false;
        }

        if (RegionCatalog.ById.TryGetValue(value, out region) || RegionCatalog.ByCode.TryGetValue(value, out region))
        {
            error = "";
            return true;
        }

        if (RegionIdShape().IsMatch(value))
        {
            region = new Region(value, code: null, Realm.Oc1, isKnown: false);
            error = "";
            return true;
        }

        error = ShortCodeShape().IsMatch(value)
            ? $"Unknown OCI region code '{text}': give the region id instead (e.g. us-phoenix-1), or a known code such as phx or iad."
            : $"'{text}' is not an OCI region: expected a region id such as us-phoenix-1 or a short code such as phx.";
        return false;
    }

    /// <inheritdoc />
    public bool Equals(Region? other) => other is not null && other.Id == Id;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Region);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

    /// <inheritdoc />
    public override string ToString() => Id;

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionIdShape();

    [GeneratedRegex("^[a-z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortCodeShape();
}
