using System.Text;

namespace DevHarness.Oci.Signing;

/// <summary>
/// Builds the draft-cavage signing string both the signer and the verifier sign: one
/// <c>name: value</c> line per listed header, joined with <c>\n</c>, no trailing newline (docs/oci-facts.md §5).
/// </summary>
internal static class SigningString
{
    /// <param name="method">The HTTP method; lowercased into <c>(request-target)</c>.</param>
    /// <param name="pathAndQuery">The path and query exactly as sent, escapes preserved.</param>
    /// <param name="headerNames">The names in signing order.</param>
    /// <param name="headerValue">The value of a (non-pseudo) header as sent.</param>
    public static string Build(string method, string pathAndQuery, IEnumerable<string> headerNames, Func<string, string> headerValue)
    {
        var builder = new StringBuilder(256);
        foreach (var name in headerNames)
        {
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            // draft-cavage: names are lowercased in the signing string whatever case the headers list uses
            // (Oracle's TypeScript SDK lists "Content-Type" and signs "content-type").
            builder.Append(name.ToLowerInvariant()).Append(": ");
            if (name.Equals(SignatureHeaders.RequestTarget, StringComparison.OrdinalIgnoreCase))
            {
                builder.Append(method.ToLowerInvariant()).Append(' ').Append(pathAndQuery);
            }
            else
            {
                builder.Append(headerValue(name));
            }
        }

        return builder.ToString();
    }
}
