using System.Globalization;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// <c>limit</c> and <c>page</c> for the list operations that page with the <c>opc-next-page</c> header
/// (uploads, parts, PARs, object versions, work requests). The page token is opaque to clients; here it is
/// the position of the next item.
/// </summary>
internal static class ListPaging
{
    public const int MaxLimit = 1000;

    /// <summary>Reads <c>limit</c> (1–1000, default 1000) and <c>page</c>; returns the error message for a bad value.</summary>
    public static string? Read(IQueryCollection query, out int limit, out int start)
    {
        limit = MaxLimit;
        start = 0;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return $"limit must be an integer from 1 to {MaxLimit}, not '{limitText}'.";
        }

        if (query.TryGetValue("page", out var page)
            && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start < 0))
        {
            return $"page '{page}' is not a page token this emulator issued (take it from the opc-next-page header).";
        }

        return null;
    }

    /// <summary>The items of the page, and the token of the next page when more remain.</summary>
    public static (List<T> Items, string? NextPage) Take<T>(IReadOnlyList<T> ordered, int start, int limit)
    {
        var items = ordered.Skip(start).Take(limit).ToList();
        var next = start + items.Count < ordered.Count ? (start + items.Count).ToString(CultureInfo.InvariantCulture) : null;
        return (items, next);
    }

    public static OciResponse WithNextPage(this OciResponse response, string? nextPage) =>
        nextPage is null ? response : response.Header("opc-next-page", nextPage);
}
