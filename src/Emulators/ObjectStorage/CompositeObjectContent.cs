namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// A committed multipart object held in memory: its parts' chunks, read in order, never copied. (With
/// <c>--data-dir</c> the parts are concatenated into one file instead, so the object survives restarts.)
/// </summary>
internal sealed class CompositeObjectContent(IReadOnlyList<ObjectContent> parts) : ObjectContent
{
    public override long Length { get; } = parts.Sum(p => p.Length);

    public override async Task CopyToAsync(Stream destination, long offset, long count, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            if (count == 0)
            {
                return;
            }

            if (offset >= part.Length)
            {
                offset -= part.Length;
                continue;
            }

            var take = Math.Min(count, part.Length - offset);
            await part.CopyToAsync(destination, offset, take, cancellationToken);
            offset = 0;
            count -= take;
        }
    }

    public override void Delete()
    {
        foreach (var part in parts)
        {
            part.Delete();
        }
    }
}
