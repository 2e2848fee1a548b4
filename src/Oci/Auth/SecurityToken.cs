using System.Buffers.Text;
using System.Text.Json;

namespace DevHarness.Oci.Auth;

/// <summary>
/// The claims DevHarness reads from an OCI session token (a resource principal RPST or a CLI session
/// UPST): a JWT whose signature only OCI checks, so it is decoded, not validated, here.
/// </summary>
internal sealed class SecurityToken
{
    private readonly Dictionary<string, string> _claims;

    private SecurityToken(string token, Dictionary<string, string> claims, DateTimeOffset expiresAt)
    {
        Token = token;
        _claims = claims;
        ExpiresAt = expiresAt;
    }

    public string Token { get; }

    /// <summary>The <c>exp</c> claim.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>A string claim (e.g. <c>res_tenant</c>), or null.</summary>
    public string? Claim(string name) => _claims.GetValueOrDefault(name);

    /// <param name="token">The JWT text; surrounding whitespace (a file's trailing newline) is ignored.</param>
    /// <param name="source">Names the token's origin in messages.</param>
    /// <exception cref="OciCredentialException">Not a JWT, or without a numeric <c>exp</c>.</exception>
    public static SecurityToken Parse(string token, string source)
    {
        token = token.Trim();
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            throw new OciCredentialException($"The session token from {source} is not a JWT (expected three dot-separated base64url parts).");
        }

        Dictionary<string, string> claims = new(StringComparer.Ordinal);
        long? exp = null;
        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            foreach (var claim in payload.RootElement.EnumerateObject())
            {
                if (claim.Value.ValueKind == JsonValueKind.String)
                {
                    claims[claim.Name] = claim.Value.GetString()!;
                }
                else if (claim.Name == "exp" && claim.Value.ValueKind == JsonValueKind.Number)
                {
                    exp = (long)claim.Value.GetDouble();
                }
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            throw new OciCredentialException($"The session token from {source} is not a JWT: its payload is not base64url JSON ({e.Message}).", e);
        }

        return exp is null
            ? throw new OciCredentialException($"The session token from {source} has no numeric exp claim, so its lifetime is unknown.")
            : new SecurityToken(token, claims, DateTimeOffset.FromUnixTimeSeconds(exp.Value));
    }
}
