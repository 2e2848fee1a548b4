namespace DevHarness.Benchmarks;

/// <summary>
/// An end-to-end measurement (throughput, latency percentiles) that drives real processes and sockets,
/// where BenchmarkDotNet's micro-benchmark loop does not fit. Run with
/// <c>dotnet run -c Release --project bench -- &lt;name&gt; [args]</c>; each prints its own figures.
/// </summary>
internal interface IScenario
{
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
