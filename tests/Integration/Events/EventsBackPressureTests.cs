using System.Net;
using System.Text.Json;
using DevHarness.Emulators.Events;
using DevHarness.Integration.Infrastructure;

namespace DevHarness.Integration.Events;

/// <summary>
/// The events emulator's bounded queue: beyond <c>QueueLimit</c> waiting events, <c>POST /events</c> answers only
/// once its event has room, so a poster faster than the function is held back instead of the queue growing;
/// an event whose poster leaves while waiting is not acknowledged and not invoked; nothing else is lost or reordered.
/// </summary>
public sealed class EventsBackPressureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task APostBeyondTheQueueLimitIsAnsweredOnlyOnceTheFunctionMakesRoom()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var function = await TestFunction.StartAsync(release: release.Task);
        await using var events = await EventsEmulator.StartAsync(
            new EventsEmulatorOptions { Port = 0, Rules = [RulesFile.DefaultRule(function.Target)], Concurrency = 1, QueueLimit = 2 },
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            // The first event is being invoked (the function holds it); the next two fill the queue.
            using (var first = await PostAsync(http, events, "e-1", TestContext.Current.CancellationToken))
            {
                Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            }

            await Eventually.TrueAsync(() => function.Calls.Count == 1, "the first invocation");
            foreach (var id in new[] { "e-2", "e-3" })
            {
                using var queued = await PostAsync(http, events, id, TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
            }

            var waiting = PostAsync(http, events, "e-4", TestContext.Current.CancellationToken);
            await Eventually.TrueAsync(() => events.Dispatcher.Pending == 4, "the fourth event to reach the emulator");
            Assert.False(waiting.IsCompleted, "POST /events answered while the queue was full");

            // A poster that gives up while waiting: its event was never acknowledged, so it must not be invoked.
            using var leaving = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var abandoned = PostAsync(http, events, "e-abandoned", leaving.Token);
            await Eventually.TrueAsync(() => events.Dispatcher.Pending == 5, "the abandoned event to reach the emulator");
            await leaving.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
            await Eventually.TrueAsync(() => events.Dispatcher.Pending == 4, "the emulator to drop the abandoned event");
            Assert.False(waiting.IsCompleted, "POST /events answered while the queue was full");

            release.SetResult();
            using (var answered = await waiting.WaitAsync(Timeout, TestContext.Current.CancellationToken))
            {
                Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
            }

            await Eventually.TrueAsync(() => events.Dispatcher.Pending == 0, "every invocation");
            var invoked = function.Calls.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("data").GetProperty("additionalDetails").GetProperty("eTag").GetString()).ToList();
            Assert.Equal(["e-1", "e-2", "e-3", "e-4"], invoked);
            Assert.Empty(events.Dispatcher.DeadLetters);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    /// <summary>An object event about <c>uploads/same.txt</c> (one object, so one lane and one order), told apart by its eTag.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient http, EventsEmulator events, string eTag, CancellationToken cancellationToken) =>
        http.PostAsync(events.EventsUrl, new ByteArrayContent(ObjectStorageEventBuilder.Build(new ObjectStorageEventFacts("updateobject", "devharness", "uploads", "same.txt", eTag))), cancellationToken);
}
