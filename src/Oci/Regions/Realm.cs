namespace DevHarness.Oci.Regions;

/// <summary>
/// An OCI realm: a set of regions sharing one identity system and one second-level domain
/// (<c>oc1</c> → <c>oraclecloud.com</c>). Endpoints are built as <c>&lt;service&gt;.&lt;region&gt;.&lt;domain&gt;</c>.
/// </summary>
/// <param name="Key">The realm key, e.g. <c>oc1</c>.</param>
/// <param name="Domain">The realm's second-level domain, e.g. <c>oraclecloud.com</c>.</param>
public sealed record Realm(string Key, string Domain)
{
    /// <summary>The commercial realm, where every region without a known realm is assumed to be.</summary>
    public static Realm Oc1 { get; } = new("oc1", "oraclecloud.com");

    /// <inheritdoc />
    public override string ToString() => Key;
}
