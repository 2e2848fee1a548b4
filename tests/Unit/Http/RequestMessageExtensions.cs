using WireMock;

namespace DevHarness.Unit.Http;

internal static class RequestMessageExtensions
{
    /// <summary>The single value of a request header, by case-insensitive name (Kestrel re-cases known headers).</summary>
    public static string Header(this IRequestMessage request, string name)
    {
        var match = Assert.Single(request.Headers ?? new Dictionary<string, WireMock.Types.WireMockList<string>>(),
            h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        return Assert.Single(match.Value);
    }

    /// <summary>Whether the request carried a header, by case-insensitive name.</summary>
    public static bool HasHeader(this IRequestMessage request, string name) =>
        request.Headers?.Keys.Any(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) == true;
}
