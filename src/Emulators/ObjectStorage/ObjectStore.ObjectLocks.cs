namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Per-object locks. A write holds its object's lock from the precondition check to the in-memory commit,
/// file I/O included, so writes to one object are serialised (If-Match/If-None-Match stay race-free) while
/// writes to different objects, and their file writes, proceed in parallel; <see cref="_gate"/> guards only the
/// in-memory maps and is held briefly. Lock order: an object's lock, then <see cref="_gate"/>, never the reverse.
/// </summary>
internal sealed partial class ObjectStore
{
    // (bucket, object) → the lock of an object some writer holds or waits for. Guarded by _gate.
    private readonly Dictionary<(string Bucket, string Name), ObjectLock> _objectLocks = [];

    /// <summary>
    /// Takes the locks of the named objects of <paramref name="bucket"/> (in ordinal order, so two writers never
    /// wait for each other in a cycle), or returns null when the store no longer serves that bucket (deleted
    /// meanwhile: a write there would be acknowledged and lost). While they are held, the bucket counts as
    /// holding a write in flight and is not deleted. Must not be called with <see cref="_gate"/> held.
    /// </summary>
    private HeldObjects? HoldObjects(StoredBucket bucket, params string[] names)
    {
        var locks = new List<((string, string) Key, ObjectLock Lock)>(names.Length);
        lock (_gate)
        {
            if (!ReferenceEquals(_buckets.GetValueOrDefault(bucket.Name), bucket))
            {
                return null;
            }

            foreach (var name in names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var key = (bucket.Name, name);
                if (!_objectLocks.TryGetValue(key, out var objectLock))
                {
                    _objectLocks[key] = objectLock = new ObjectLock();
                }

                objectLock.Users++;
                locks.Add((key, objectLock));
            }

            bucket.WritesInFlight++;
        }

        foreach (var (_, objectLock) in locks)
        {
            objectLock.Gate.Enter();
        }

        return new HeldObjects(this, bucket, locks);
    }

    private sealed class ObjectLock
    {
        public Lock Gate { get; } = new();

        /// <summary>Writers holding or waiting for <see cref="Gate"/>; the entry goes when none is left.</summary>
        public int Users { get; set; }
    }

    private sealed class HeldObjects(ObjectStore store, StoredBucket bucket, List<((string, string) Key, ObjectLock Lock)> locks) : IDisposable
    {
        public void Dispose()
        {
            foreach (var (_, objectLock) in locks)
            {
                objectLock.Gate.Exit();
            }

            lock (store._gate)
            {
                foreach (var (key, objectLock) in locks)
                {
                    if (--objectLock.Users == 0)
                    {
                        store._objectLocks.Remove(key);
                    }
                }

                bucket.WritesInFlight--;
            }
        }
    }
}
