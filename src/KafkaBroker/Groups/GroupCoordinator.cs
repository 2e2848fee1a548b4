using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DevHarness.KafkaBroker.Groups;

/// <summary>
/// The broker's consumer groups (this single broker coordinates all of them) and their committed offsets.
/// A timer ends rebalances and sessions that time out; joins, syncs and leaves complete as they arrive.
/// </summary>
internal sealed class GroupCoordinator : IDisposable
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, ConsumerGroup> _groups = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ITimer _timer;

    public GroupCoordinator(CommittedOffsets offsets, TimeProvider clock, ILogger logger)
    {
        Offsets = offsets;
        _clock = clock;
        _logger = logger;
        _timer = clock.CreateTimer(_ => Tick(), null, TickInterval, TickInterval);
    }

    public CommittedOffsets Offsets { get; }

    public ConsumerGroup Get(string groupId) => _groups.GetOrAdd(groupId, id => new ConsumerGroup(id, _clock, _logger));

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        foreach (var group in _groups.Values)
        {
            group.Tick();
        }
    }
}
