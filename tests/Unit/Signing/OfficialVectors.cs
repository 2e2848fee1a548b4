using System.Text;
using DevHarness.Oci.Auth;

namespace DevHarness.Unit.Signing;

/// <summary>OCI's published signing test values (docs/oci-facts.md §5.1), shared by the signing and auth tests.</summary>
internal static class OfficialVectors
{
    public const string TenancyId = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq";
    public const string UserId = "ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq";

    /// <summary>A dummy: the key's real fingerprint is <see cref="RealFingerprint"/>.</summary>
    public const string Fingerprint = "20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34";
    public const string RealFingerprint = "73:61:a2:21:67:e0:df:be:7e:4b:93:1e:15:98:a5:b7";
    public const string KeyId = TenancyId + "/" + UserId + "/" + Fingerprint;

    public const string Date = "Thu, 05 Jan 2014 21:31:40 GMT";
    public static readonly DateTimeOffset DateValue = new(2014, 1, 5, 21, 31, 40, TimeSpan.Zero);

    public const string GetUrl =
        "https://iaas.us-phoenix-1.oraclecloud.com/20160918/instances?availabilityDomain=Pjwf%3A%20PHX-AD-1"
        + "&compartmentId=ocid1.compartment.oc1..aaaaaaaam3we6vgnherjq5q2idnccdflvjsnog7mlr6rtdb25gilchfeyjxa"
        + "&displayName=TeamXInstances&volumeId=ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q";

    public const string GetAuthorization =
        "Signature version=\"1\",headers=\"date (request-target) host\",keyId=\"" + KeyId + "\",algorithm=\"rsa-sha256\","
        + "signature=\"GBas7grhyrhSKHP6AVIj/h5/Vp8bd/peM79H9Wv8kjoaCivujVXlpbKLjMPeDUhxkFIWtTtLBj3sUzaFj34XE6YZAHc9r2DmE4pMwOAy/kiITcZxa1oHPOeRheC0jP2dqbTll8fmTZVwKZOKHYPtrLJIJQHJjNvxFWeHQjMaR7M=\"";

    public const string PostUrl = "https://iaas.us-phoenix-1.oraclecloud.com/20160918/volumeAttachments";

    public const string PostBody =
        "{\n"
        + "    \"compartmentId\": \"ocid1.compartment.oc1..aaaaaaaam3we6vgnherjq5q2idnccdflvjsnog7mlr6rtdb25gilchfeyjxa\",\n"
        + "    \"instanceId\": \"ocid1.instance.oc1.phx.abuw4ljrlsfiqw6vzzxb43vyypt4pkodawglp3wqxjqofakrwvou52gb6s5a\",\n"
        + "    \"volumeId\": \"ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q\"\n"
        + "}";

    public const string PostBodySha256 = "V9Z20UJTvkvpJ50flBzKE32+6m2zJjweHpDMX/U4Uy0=";

    public const string PostAuthorization =
        "Signature version=\"1\",headers=\"date (request-target) host content-length content-type x-content-sha256\",keyId=\""
        + KeyId + "\",algorithm=\"rsa-sha256\","
        + "signature=\"Mje8vIDPlwIHmD/cTDwRxE7HaAvBg16JnVcsuqaNRim23fFPgQfLoOOxae6WqKb1uPjYEl0qIdazWaBy/Ml8DRhqlocMwoSXv0fbukP8J5N80LCmzT/FFBvIvTB91XuXI3hYfP9Zt1l7S6ieVadHUfqBedWH0itrtPJBgKmrWso=\"";

    public static string PrivateKeyPath => TestDataPath("official-vector-private.pem");

    public static string PublicKeyPath => TestDataPath("official-vector-public.pem");

    public static byte[] PostBodyBytes => Encoding.UTF8.GetBytes(PostBody);

    /// <summary>The vectors' key with the dummy fingerprint, which is why the check is skipped.</summary>
    public static ApiKeyProvider KeyProvider() =>
        ApiKeyProvider.FromPemFile(TenancyId, UserId, Fingerprint, PrivateKeyPath, verifyFingerprint: false);

    public static string TestDataPath(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Keys", name);
}
