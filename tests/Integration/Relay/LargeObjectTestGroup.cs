namespace DevHarness.Integration.Relay;

/// <summary>
/// The object-size tests run alone, after the parallel ones: they move hundreds of MiB through a broker
/// that keeps only ~5 MiB per partition, and a consumer starved of CPU by parallel tests would fall behind.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeObjectTestGroup
{
    public const string Name = "Relay large objects";
}
