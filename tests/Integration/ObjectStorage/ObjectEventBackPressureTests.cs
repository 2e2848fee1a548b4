using System.Net;
using System.Text.Json;
using DevHarness.Integration.Events;
using DevHarness.Integration.Infrastructure;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>
/// Object Storage's bounded event lanes: while an object's lane is full (the events endpoint holds its answers),
/// the upload that caused the next event answers only once that event has room; the event of an uploader that
/// leaves meanwhile is still delivered; after the endpoint answers again every event arrives once, in order.
/// </summary>
public sealed class ObjectEventBackPressureTests
{
    // The publisher's lane: one event in flight and 128 waiting (ObjectEventPublisher.LaneCapacity).
    private const int FitsInTheLane = 1 + 128;

    [Fact]
    public async Task AnUploadWhoseEventLaneIsFullAnswersOnceTheEventHasRoomAndNoEventIsLost()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var endpoint = await TestFunction.StartAsync(release: release.Task);
        await using var os = await ObjectStorageTestContext.StartAsync(o => o.EventsUrl = new Uri(endpoint.Target));
        try
        {
            // One object: one lane, whose events must arrive in the order of the writes.
            var eTags = new List<string>();
            for (var i = 1; i <= FitsInTheLane; i++)
            {
                using var put = await os.PutAsync("same.txt", $"version {i}");
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
                eTags.Add(put.Headers.GetValues("ETag").Single());
            }

            var waiting = os.PutAsync("same.txt", "one too many");
            eTags.Add(await StoredETagAfterAsync(os, eTags[^1]));
            Assert.False(waiting.IsCompleted, "the upload answered while its event had no room");

            // An uploader that leaves while waiting: the object is stored, so its event must still go out.
            using var leaving = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Put, ObjectStorageTestContext.ObjectPath("same.txt")) { Content = new StringContent("left") };
            var abandoned = os.Http.SendAsync(request, leaving.Token);
            eTags.Add(await StoredETagAfterAsync(os, eTags[^1]));
            await leaving.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

            release.SetResult();
            using (var answered = await waiting.WaitAsync(ObjectStorageTestContext.Timeout, TestContext.Current.CancellationToken))
            {
                Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            }

            await Eventually.TrueAsync(() => endpoint.Calls.Count >= eTags.Count, $"{eTags.Count} events");
            var delivered = endpoint.Calls.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("data").GetProperty("additionalDetails").GetProperty("eTag").GetString()!).ToList();
            Assert.Equal(eTags, delivered);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    /// <summary>Waits until the stored object is a newer write than <paramref name="eTag"/>, and returns its ETag.</summary>
    private static async Task<string> StoredETagAfterAsync(ObjectStorageTestContext os, string eTag)
    {
        string? stored = null;
        await Eventually.TrueAsync(
            () => (stored = os.Emulator.Store.GetObject(os.Emulator.Store.GetBucket("uploads")!, "same.txt")?.ETag) != eTag,
            "the next write to be stored");
        return stored!;
    }
}
