using System.Diagnostics.CodeAnalysis;

namespace DevHarness.Oci.Signing;

/// <summary>
/// The parameters of an OCI <c>Authorization: Signature …</c> header. Formatting follows the Go and
/// .NET SDKs' order (<c>version,headers,keyId,algorithm,signature</c>); parsing accepts any order,
/// because the Python SDK emits <c>algorithm,headers,keyId,signature,version</c> (docs/oci-facts.md §5).
/// </summary>
internal sealed record SignatureParameters(string? Version, IReadOnlyList<string> Headers, string KeyId, string Algorithm, string Signature)
{
    public const string Scheme = "Signature";
    public const string SupportedVersion = "1";
    public const string SupportedAlgorithm = "rsa-sha256";

    private static readonly string[] Required = ["headers", "keyId", "algorithm", "signature"];

    public string Format() =>
        $"{Scheme} version=\"{Version ?? SupportedVersion}\",headers=\"{string.Join(' ', Headers)}\",keyId=\"{KeyId}\",algorithm=\"{Algorithm}\",signature=\"{Signature}\"";

    /// <summary>Parses the header value, or says precisely what is wrong with it.</summary>
    public static bool TryParse(string authorization, [NotNullWhen(true)] out SignatureParameters? parameters, [NotNullWhen(false)] out string? failure)
    {
        parameters = null;
        var text = authorization.Trim();
        if (!text.StartsWith(Scheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            failure = "Authorization header is not an OCI Signature";
            return false;
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = Scheme.Length;
        while (true)
        {
            position = SkipSeparators(text, position);
            if (position >= text.Length)
            {
                break;
            }

            var equals = text.IndexOf('=', position);
            if (equals < 0 || equals + 1 >= text.Length || text[equals + 1] != '"')
            {
                failure = $"Authorization header is malformed at character {position}: expected name=\"value\"";
                return false;
            }

            var name = text[position..equals].Trim();
            var close = text.IndexOf('"', equals + 2);
            if (name.Length == 0 || close < 0)
            {
                failure = $"Authorization header is malformed at character {position}: expected name=\"value\"";
                return false;
            }

            if (!values.TryAdd(name, text[(equals + 2)..close]))
            {
                failure = $"Authorization parameter {name} appears twice";
                return false;
            }

            position = close + 1;
        }

        var missing = Required.Where(n => !values.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            failure = $"Authorization header lacks the parameter{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}";
            return false;
        }

        values.TryGetValue("version", out var version);
        parameters = new SignatureParameters(
            version,
            values["headers"].Split(' ', StringSplitOptions.RemoveEmptyEntries),
            values["keyId"],
            values["algorithm"],
            values["signature"]);
        failure = null;
        return true;
    }

    private static int SkipSeparators(string text, int position)
    {
        while (position < text.Length && (text[position] == ',' || char.IsWhiteSpace(text[position])))
        {
            position++;
        }

        return position;
    }
}
