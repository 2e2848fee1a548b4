namespace DevHarness.Emulators.Streaming.Backends.ExternalKafka;

/// <summary>
/// Confluent.Kafka's consumer calls block until the broker answers. They run on a thread of their own, never
/// on the thread pool, so a slow broker cannot starve the facade's other requests of threads (eight
/// concurrent CreateCursor calls used to take seconds each that way).
/// </summary>
internal static class DedicatedThread
{
    public static Task<T> RunAsync<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
}
