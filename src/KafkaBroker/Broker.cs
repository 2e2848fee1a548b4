using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using DevHarness.KafkaBroker.Groups;
using DevHarness.KafkaBroker.Protocol;
using DevHarness.KafkaBroker.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DevHarness.KafkaBroker;

/// <summary>
/// A single-node Kafka broker over a durable, file-backed log, behaving like an OCI stream: Kafka clients
/// produce, consume and run consumer groups over the wire protocol, and in-process code reads and writes
/// the same partition logs. <c>await using var broker = await Broker.StartAsync(new() { Port = 0, Topics = [new("relay", 3)] });</c>
/// </summary>
public sealed class Broker : IAsyncDisposable
{
    private static readonly TimeSpan RetentionInterval = TimeSpan.FromMinutes(1);

    private readonly TcpListener _listener;
    private readonly LogStore _logs;
    private readonly GroupCoordinator _groups;
    private readonly FileStream _lock;
    private readonly bool _temporary;
    private readonly BrokerOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly ITimer _retention;
    private readonly Task _acceptLoop;

    private Broker(BrokerOptions options, TcpListener listener, string dataDirectory, bool temporary, FileStream lockFile, ILogger logger)
    {
        _options = options;
        _listener = listener;
        _temporary = temporary;
        _lock = lockFile;
        _logger = logger;
        DataDirectory = dataDirectory;
        try
        {
            _logs = new LogStore(dataDirectory, options, logger);
            foreach (var topic in options.Topics)
            {
                _logs.Ensure(topic);
            }

            Offsets = new CommittedOffsets(dataDirectory, logger);
        }
        catch
        {
            _logs?.Dispose();
            throw;
        }

        _groups = new GroupCoordinator(Offsets, options.TimeProvider, logger);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var host = options.Host is "0.0.0.0" or "::" or "[::]" ? "127.0.0.1" : options.Host.Trim('[', ']');
        BootstrapServers = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
        var context = new BrokerContext(_logs, _groups, options, host, port, logger);
        _retention = options.TimeProvider.CreateTimer(_ => EnforceRetention(), null, RetentionInterval, RetentionInterval);
        _acceptLoop = AcceptAsync(context);
    }

    /// <summary><c>host:port</c> clients bootstrap from (and the address metadata advertises).</summary>
    public string BootstrapServers { get; }

    /// <summary>Where the log lives (a temporary folder, deleted on dispose, unless one was given).</summary>
    public string DataDirectory { get; }

    /// <summary>Committed consumer-group offsets, shared by Kafka's OffsetCommit and in-process callers.</summary>
    public CommittedOffsets Offsets { get; }

    /// <summary>The topics that exist now (configured, found on disk, or auto-created), with their partition counts.</summary>
    public IReadOnlyList<TopicDefinition> Topics =>
        [.. _logs.TopicNames.Order(StringComparer.Ordinal).Select(t => new TopicDefinition(t, _logs.TryGet(t, out var p) ? p.Length : 0))];

    /// <summary>Starts listening; the log in <see cref="BrokerOptions.DataDirectory"/> is recovered first.</summary>
    public static Task<Broker> StartAsync(BrokerOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("DevHarness.KafkaBroker");
        var temporary = options.DataDirectory is null;
        var directory = Path.GetFullPath(options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "devharness-broker-" + Guid.NewGuid().ToString("N")[..12]));
        Directory.CreateDirectory(directory);
        var lockFile = Lock(directory);
        TcpListener? listener = null;
        try
        {
            listener = Listen(options.Host, options.Port);
            var broker = new Broker(options, listener, directory, temporary, lockFile, logger);
            BrokerLog.Started(logger, broker.BootstrapServers, directory, temporary ? "temporary, deleted at exit" : "kept",
                options.RetentionHours, options.RetentionBytes is { } bytes ? $" or {bytes} bytes per partition" : "");
            return Task.FromResult(broker);
        }
        catch
        {
            listener?.Stop();
            listener?.Dispose();
            lockFile.Dispose();
            if (temporary)
            {
                Directory.Delete(directory, recursive: true);
            }
            throw;
        }
    }

    /// <summary>The log of one partition; throws <see cref="KeyNotFoundException"/> for an unknown topic or partition.</summary>
    public PartitionLog GetPartition(string topic, int partition) =>
        _logs.TryGet(topic, out var partitions) && partition >= 0 && partition < partitions.Length
            ? partitions[partition]
            : throw new KeyNotFoundException($"Topic {topic} has no partition {partition}.");

    /// <summary>The partition count of <paramref name="topic"/>, or null if it does not exist.</summary>
    public int? PartitionCount(string topic) => _logs.TryGet(topic, out var partitions) ? partitions.Length : null;

    /// <summary>
    /// Sets a consumer group's committed offsets for partitions of <paramref name="topic"/>, as Kafka's
    /// AlterConsumerGroupOffsets does: only while the group has no members (a member would go on from the
    /// positions it holds and commit over the new ones). Returns false, changing nothing, when it has members.
    /// </summary>
    public bool ResetGroupOffsets(string groupId, string topic, IReadOnlyDictionary<int, long> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        return _groups.Get(groupId).CommitWhileEmpty(() =>
        {
            foreach (var (partition, offset) in offsets)
            {
                Offsets.Commit(groupId, topic, partition, offset);
            }
        });
    }

    /// <summary>Deletes what retention allows now (it also runs every minute).</summary>
    public void EnforceRetention() => _logs.EnforceRetention(TimeSpan.FromHours(_options.RetentionHours), _options.RetentionBytes);

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Stop();
        await _retention.DisposeAsync();
        await _acceptLoop;
        await Task.WhenAll(_connections.Keys).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(static _ => { }, TaskScheduler.Default);
        _groups.Dispose();
        Offsets.Dispose();
        _logs.Dispose();
        _listener.Dispose();
        await _lock.DisposeAsync();
        if (_temporary)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        _stopping.Dispose();
    }

    private async Task AcceptAsync(BrokerContext context)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var connection = Task.Run(() => new Connection(socket, context).RunAsync(_stopping.Token));
            _connections[connection] = true;
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private static TcpListener Listen(string host, int port)
    {
        var address = host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(host.Trim('[', ']'));
        var listener = new TcpListener(address, port);
        try
        {
            listener.Start();
            return listener;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            listener.Dispose();
            throw new InvalidOperationException($"{host}:{port} is already in use: stop whatever listens there, or pick another port with --kafka-port.", e);
        }
    }

    /// <summary>One broker per data folder: a second one would interleave writes into the same files.</summary>
    private static FileStream Lock(string directory)
    {
        var path = Path.Combine(directory, ".lock");
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"The data folder {directory} is in use by another broker (it holds {path}). Stop that one, or use another --data-dir.", e);
        }
    }
}
