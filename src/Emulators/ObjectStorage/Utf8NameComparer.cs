namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Orders strings by their UTF-8 bytes, as ListObjects does (docs/oci-facts.md §4), without encoding them: UTF-8
/// byte order is code-point order, which differs from UTF-16 ordinal order only where surrogates meet
/// U+E000..U+FFFF. Shifting code units fixes exactly that case.
/// </summary>
internal sealed class Utf8NameComparer : IComparer<string>
{
    public static readonly Utf8NameComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            if (x[i] != y[i])
            {
                return Rank(x[i]) - Rank(y[i]);
            }
        }

        return x.Length - y.Length;
    }

    private static int Rank(char c) => c switch
    {
        >= '\uE000' => c - 0x800,
        >= '\uD800' => c + 0x2000,
        _ => c,
    };
}
