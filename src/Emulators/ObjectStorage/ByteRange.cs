using System.Globalization;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>A single RFC 7233 byte range, the only kind GetObject supports (docs/oci-facts.md §4).</summary>
internal readonly record struct ByteRange(long Offset, long Length)
{
    /// <summary>
    /// Parses <paramref name="header"/> against an object of <paramref name="size"/> bytes. Returns
    /// <see langword="null"/> when the header should be ignored (absent or not a byte range, as RFC 7233
    /// allows); sets <paramref name="unsatisfiable"/> when no byte of the range exists.
    /// </summary>
    public static ByteRange? Parse(string? header, long size, out bool unsatisfiable, out bool multiple)
    {
        unsatisfiable = false;
        multiple = false;
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var spec = header[6..].Trim();
        if (spec.Contains(',', StringComparison.Ordinal))
        {
            multiple = true;
            return null;
        }

        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return null;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            // Suffix range: the last N bytes (a suffix longer than the object, however long, is all of it).
            if (!TryParsePosition(last, out var suffix))
            {
                return null;
            }

            if (suffix == 0 || size == 0)
            {
                unsatisfiable = true;
                return null;
            }

            var take = Math.Min(suffix, size);
            return new ByteRange(size - take, take);
        }

        if (!TryParsePosition(first, out var start))
        {
            return null;
        }

        var end = long.MaxValue;
        if (last.Length > 0 && (!TryParsePosition(last, out end) || end < start))
        {
            return null;
        }

        if (start >= size)
        {
            unsatisfiable = true;
            return null;
        }

        end = Math.Min(end, size - 1);
        return new ByteRange(start, end - start + 1);
    }

    /// <summary>
    /// RFC 7233's <c>1*DIGIT</c>: any number of digits. A position beyond <see cref="long.MaxValue"/> is
    /// past the end of every object, so it reads as <see cref="long.MaxValue"/> (an end is clamped to the
    /// object's last byte, a start is unsatisfiable) instead of failing to parse and dropping the range.
    /// </summary>
    private static bool TryParsePosition(string text, out long position)
    {
        position = 0;
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out position))
        {
            position = long.MaxValue;
        }

        return true;
    }
}
