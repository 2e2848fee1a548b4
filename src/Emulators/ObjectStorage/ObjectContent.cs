namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// The bytes of one stored object, in memory (a list of fixed-size chunks, so a large upload never needs
/// one contiguous array or a grow-and-copy) or in a file under <c>--data-dir</c>.
/// </summary>
internal abstract class ObjectContent
{
    public abstract long Length { get; }

    /// <summary>Copies <paramref name="count"/> bytes starting at <paramref name="offset"/> to <paramref name="destination"/>.</summary>
    public abstract Task CopyToAsync(Stream destination, long offset, long count, CancellationToken cancellationToken);

    /// <summary>Releases what backs the content (the file of a replaced or deleted object).</summary>
    public abstract void Delete();
}
