using System.Net;
using System.Text;
using System.Text.Json;
using DevHarness.Oci;
using DevHarness.Oci.Streaming;

namespace DevHarness.Unit.Streaming;

public sealed class PutMessagesBatcherTests
{
    private const int KiB = 1024;
    private const int MiB = 1024 * KiB;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void SmallMessagesShareOneRequest()
    {
        var entries = Enumerable.Range(0, 100).Select(i => Entry(key: 10, value: 1000)).ToList();

        var requests = PutMessagesBatcher.Split(entries);

        Assert.Equal(entries, Assert.Single(requests).Messages);
    }

    [Fact]
    public void RequestsStayWithinOneMebibyteAndKeepOrder()
    {
        var entries = Enumerable.Range(0, 5).Select(i => Entry(key: 0, value: 400 * KiB, fill: (byte)i)).ToList();

        var requests = PutMessagesBatcher.Split(entries);

        Assert.Equal([2, 2, 1], requests.Select(r => r.Messages.Count));
        Assert.Equal(entries, requests.SelectMany(r => r.Messages));
        Assert.All(requests, r => Assert.True(r.Messages.Sum(PutMessagesBatcher.Size) <= StreamLimits.MaxRequestBytes));
    }

    [Fact]
    public void KeysCountTowardsTheRequestLimit()
    {
        // 2 × 512 KiB values fill a request exactly; one key byte more and they no longer fit together.
        Assert.Single(PutMessagesBatcher.Split([Entry(0, 512 * KiB), Entry(0, 512 * KiB)]));
        Assert.Equal(2, PutMessagesBatcher.Split([Entry(1, 512 * KiB), Entry(0, 512 * KiB)]).Count);
    }

    [Fact]
    public void AOneMebibyteValueWithoutKeyIsSentAlone()
    {
        var requests = PutMessagesBatcher.Split([Entry(0, 10), Entry(0, MiB), Entry(0, 10)]);

        Assert.Equal([1, 1, 1], requests.Select(r => r.Messages.Count));
    }

    [Fact]
    public void AValueOverOneMebibyteIsRejectedNamingTheEntry()
    {
        var error = Assert.Throws<ArgumentException>(() => PutMessagesBatcher.Split([Entry(0, 1), Entry(0, 1), Entry(0, MiB + 1)]));

        Assert.StartsWith("Message 2 has a 1048577-byte value; OCI Streaming accepts messages of at most 1048576 bytes (1 MiB).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyOver256BytesIsRejectedNamingTheEntry()
    {
        var error = Assert.Throws<ArgumentException>(() => PutMessagesBatcher.Split([Entry(256, 1), Entry(257, 1)]));

        Assert.StartsWith("Message 1 has a 257-byte key; OCI Streaming accepts keys of at most 256 bytes.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFullValueWithAKeyCanNeverFitARequest()
    {
        var error = Assert.Throws<ArgumentException>(() => PutMessagesBatcher.Split([Entry(1, MiB)]));

        Assert.StartsWith("Message 0 needs 1048577 bytes (key plus value) but a request holds at most 1048576", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingValueIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => PutMessagesBatcher.Split([Entry(0, 1), new PutMessagesDetailsEntry([1], null!)]));

        Assert.StartsWith("Message 1 has no value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASmallerRequestLimitSplitsSooner()
    {
        Assert.Equal(3, PutMessagesBatcher.Split([Entry(0, 100), Entry(0, 100), Entry(0, 100)], maxRequestBytes: 150).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => PutMessagesBatcher.Split([Entry(0, 1)], maxRequestBytes: MiB + 1));
    }

    [Fact]
    public async Task PutAllReturnsOneResultPerEntryInTheOriginalOrder()
    {
        var service = new FakeStreamService();
        using var http = new HttpClient(service) { BaseAddress = new Uri("http://127.0.0.1:10101") };
        var entries = Enumerable.Range(0, 7).Select(i => Entry(key: 4, value: 300 * KiB, fill: (byte)i)).ToList();
        service.FailFill = 4;

        var results = await PutMessagesBatcher.PutAllAsync(new StreamClient(http), "s", entries, Ct);

        Assert.Equal(3, service.RequestSizes.Count);
        Assert.Equal([3, 3, 1], service.RequestSizes);
        Assert.Equal(7, results.Count);
        Assert.Equal([0L, 1, 2, 3, null, 5, 6], results.Select(r => r.Offset));
        Assert.Equal("InternalServerError", results[4].Error);
    }

    [Fact]
    public async Task PutAllSendsNothingWhenAnyEntryIsInvalid()
    {
        var service = new FakeStreamService();
        using var http = new HttpClient(service) { BaseAddress = new Uri("http://127.0.0.1:10101") };

        await Assert.ThrowsAsync<ArgumentException>(() =>
            PutMessagesBatcher.PutAllAsync(new StreamClient(http), "s", [Entry(0, 1), Entry(0, 1), Entry(300, 1)], Ct));

        Assert.Empty(service.RequestSizes);
    }

    [Fact]
    public async Task PutAllStopsAtARequestThatFailsAsAWhole()
    {
        var service = new FakeStreamService { FailRequest = 1 };
        using var http = new HttpClient(service) { BaseAddress = new Uri("http://127.0.0.1:10101") };

        var error = await Assert.ThrowsAsync<OciException>(() =>
            PutMessagesBatcher.PutAllAsync(new StreamClient(http), "s", [Entry(0, 600 * KiB), Entry(0, 600 * KiB), Entry(0, 600 * KiB)], Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(2, service.RequestSizes.Count);
    }

    private static PutMessagesDetailsEntry Entry(int key, int value, byte fill = 0) =>
        new(key == 0 ? null : Enumerable.Repeat((byte)'k', key).ToArray(), Enumerable.Repeat(fill, value).ToArray());

    /// <summary>
    /// Answers PutMessages like OCI: one result per message, in order, offsets counting up; a message whose
    /// first byte is <see cref="FailFill"/> fails on its own, and request number <see cref="FailRequest"/> fails whole.
    /// </summary>
    private sealed class FakeStreamService : HttpMessageHandler
    {
        private long _offset;

        public List<int> RequestSizes { get; } = [];

        public int FailFill { get; set; } = -1;

        public int FailRequest { get; init; } = -1;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            var messages = body.RootElement.GetProperty("messages");
            RequestSizes.Add(messages.GetArrayLength());
            if (RequestSizes.Count - 1 == FailRequest)
            {
                return new HttpResponseMessage(HttpStatusCode.TooManyRequests)
                {
                    Content = new StringContent("""{"code":"TooManyRequests","message":"slow down"}""", Encoding.UTF8, "application/json"),
                };
            }

            var entries = new List<string>();
            var failures = 0;
            foreach (var message in messages.EnumerateArray())
            {
                var value = message.GetProperty("value").GetBytesFromBase64();
                if (value.Length > 0 && value[0] == FailFill)
                {
                    failures++;
                    _offset++;
                    entries.Add("""{"error":"InternalServerError","errorMessage":"try again"}""");
                }
                else
                {
                    entries.Add($$"""{"partition":"0","offset":{{_offset++}},"timestamp":"2024-05-02T10:15:01Z"}""");
                }
            }

            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$"""{"failures":{{failures}},"entries":[{{string.Join(",", entries)}}]}""", Encoding.UTF8, "application/json"),
            };
        }
    }
}
