namespace DevHarness.Benchmarks.Loop;

/// <summary>A process of the loop, by name, with its resident memory and CPU time.</summary>
internal sealed record Participant(string Name, Func<long> Rss, Func<TimeSpan> Cpu);
