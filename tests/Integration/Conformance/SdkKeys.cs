using System.Security.Cryptography;
using DevHarness.Oci.Auth;

namespace DevHarness.Integration.Conformance;

/// <summary>
/// Two API keys on disk for a conformance run: the trusted one (its public half is what strict mode is
/// started with) and another, and the environment variables that hand one of them to the Node scripts.
/// </summary>
internal sealed class SdkKeys : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("devharness-sdk-keys-").FullName;
    private readonly (string KeyFile, string Fingerprint) _trusted;
    private readonly (string KeyFile, string Fingerprint) _other;

    public SdkKeys()
    {
        _trusted = Write("trusted");
        _other = Write("other");
    }

    /// <summary>The public key strict mode trusts.</summary>
    public string TrustedPublicKeyFile => Path.Combine(_folder, "trusted.public.pem");

    /// <summary>The trusted key, for requests the test itself signs.</summary>
    public ApiKeyProvider TrustedKeyProvider()
    {
        var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(_trusted.KeyFile));
        return new ApiKeyProvider("ocid1.tenancy.oc1..conformance", "ocid1.user.oc1..conformance", _trusted.Fingerprint, key);
    }

    public Dictionary<string, string> Environment(bool signWithTrustedKey)
    {
        var (keyFile, fingerprint) = signWithTrustedKey ? _trusted : _other;
        return new()
        {
            ["OCI_TENANCY"] = "ocid1.tenancy.oc1..conformance",
            ["OCI_USER"] = "ocid1.user.oc1..conformance",
            ["OCI_FINGERPRINT"] = fingerprint,
            ["OCI_KEY_FILE"] = keyFile,
        };
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (string KeyFile, string Fingerprint) Write(string name)
    {
        using var key = RSA.Create(2048);
        var keyFile = Path.Combine(_folder, $"{name}.pem");
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(_folder, $"{name}.public.pem"), key.ExportSubjectPublicKeyInfoPem());
        return (keyFile, ApiKeyProvider.ComputeFingerprint(key));
    }
}
