using System.Security.Cryptography;
using System.Text;
using DevHarness.Oci.Streaming;

namespace DevHarness.Relay.Contract;

/// <summary>Which object an event is about: namespace, bucket and full object name.</summary>
internal sealed record ObjectIdentity(string Namespace, string Bucket, string Name)
{
    /// <summary>The CloudEvents <c>source</c> of every message the relay writes about this object.</summary>
    public string Source => $"/n/{Namespace}/b/{Bucket}";

    /// <summary>
    /// The message key <c>&lt;namespace&gt;/&lt;bucket&gt;/&lt;object&gt;</c> (UTF-8), so every message about one
    /// object lands in one partition, in order. OCI keys are at most 256 bytes but object names may be
    /// 1024 (docs/oci-facts.md §2.2, §4); a longer key becomes <c>&lt;namespace&gt;/&lt;bucket&gt;/sha256:&lt;hex of the
    /// name&gt;</c>, still one stable key per object.
    /// </summary>
    public byte[] Key()
    {
        var key = Encoding.UTF8.GetBytes($"{Namespace}/{Bucket}/{Name}");
        if (key.Length <= StreamLimits.MaxKeyBytes)
        {
            return key;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Name)));
        return Encoding.UTF8.GetBytes($"{Namespace}/{Bucket}/sha256:{hash}");
    }
}
