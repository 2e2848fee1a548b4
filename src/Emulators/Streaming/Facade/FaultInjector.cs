
namespace DevHarness.Emulators.Streaming.Facade;

/// <summary>The faults set through the admin endpoint, consumed by data-plane requests in arrival order.</summary>
internal sealed class FaultInjector(ILogger<FaultInjector> logger)
{
    private readonly Lock _lock = new();
    private readonly List<FaultRule> _rules = [];

    public IReadOnlyList<FaultRule> Active
    {
        get
        {
            lock (_lock)
            {
                return [.. _rules];
            }
        }
    }

    public void Add(FaultRule rule)
    {
        var valid = rule.Validated();
        lock (_lock)
        {
            _rules.Add(valid);
        }
        StreamLog.FaultSet(logger, valid.ToString());
    }

    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
        }
        StreamLog.FaultsCleared(logger);
    }

    /// <summary>The fault this request must suffer, if any (a counted rule is used up by it).</summary>
    public FaultRule? Next(string operation)
    {
        lock (_lock)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!rule.AppliesTo(operation))
                {
                    continue;
                }

                if (rule.Fraction is { } fraction)
                {
                    if (Random.Shared.NextDouble() < fraction)
                    {
                        return rule;
                    }
                    continue;
                }

                if (rule.Count <= 1)
                {
                    _rules.RemoveAt(i);
                }
                else
                {
                    _rules[i] = rule with { Count = rule.Count - 1 };
                }
                return rule;
            }
            return null;
        }
    }
}
