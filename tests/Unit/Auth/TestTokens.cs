using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace DevHarness.Unit.Auth;

/// <summary>Builds RPST-shaped JWTs (docs/oci-facts.md §6.1 claims). OCI checks their signature, DevHarness does not.</summary>
internal static class TestTokens
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 4, 0, 0, TimeSpan.Zero);

    public static string Create(DateTimeOffset expires, string tenant = "ocid1.tenancy.oc1..tenant", string? jti = null, string tenantClaim = "res_tenant")
    {
        var payload = new Dictionary<string, object>
        {
            ["sub"] = "ocid1.fnfunc.oc1.phx.relay",
            ["res_id"] = "ocid1.fnfunc.oc1.phx.relay",
            ["res_type"] = "fnfunc",
            ["ptype"] = "resource",
            ["ttype"] = "res",
            [tenantClaim] = tenant,
            ["res_compartment"] = "ocid1.compartment.oc1..relay",
            ["iat"] = expires.AddMinutes(-20).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["jti"] = jti ?? Guid.NewGuid().ToString(),
        };
        return Encode("{\"kid\":\"asw\",\"alg\":\"RS256\"}") + "." + Encode(JsonSerializer.Serialize(payload)) + "." + Encode("not-checked");
    }

    public static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
