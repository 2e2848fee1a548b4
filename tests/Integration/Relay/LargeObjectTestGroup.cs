namespace DevHarness.Integration.Relay;

/// <summary>
/// The object-size tests run alone, after the parallel ones: they move hundreds of MiB and measure the
/// relay's memory, which parallel tests on two cores would distort.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeObjectTestGroup
{
    public const string Name = "Relay large objects";
}
