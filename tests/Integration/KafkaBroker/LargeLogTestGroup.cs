namespace DevHarness.Integration.KafkaBroker;

/// <summary>Tests that move a gibibyte through the broker run alone, after the parallel ones, so they do not starve them of disk and CPU.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeLogTestGroup
{
    public const string Name = "Broker large logs";
}
