using System.Reflection;
using BenchmarkDotNet.Running;
using DevHarness.Benchmarks;

// Scenarios (end-to-end figures) are chosen by name; anything else goes to BenchmarkDotNet.
var scenarios = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IScenario).IsAssignableFrom(t))
    .Select(t => (IScenario)Activator.CreateInstance(t)!)
    .ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

if (args.Length > 0 && scenarios.TryGetValue(args[0], out var scenario))
{
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
    return await scenario.RunAsync(args[1..], cancel.Token);
}

if (args is ["--list-scenarios"])
{
    foreach (var s in scenarios.Values.OrderBy(s => s.Name))
    {
        Console.WriteLine($"{s.Name,-24} {s.Description}");
    }
    return 0;
}

BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
return 0;
