using System.Net;
using System.Text;
using DevHarness.Integration.Infrastructure;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>
/// The README's fault-injection recipes, through WireMock's admin REST API exactly as a user sends them:
/// a mapping with a lower priority number than the built-in API overrides it for the requests it matches.
/// </summary>
public sealed class ObjectStorageFaultInjectionTests
{
    [Fact]
    public async Task A429WithRetryAfterForOneObjectOverridesTheApiUntilRemoved()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var _ = await os.PutAsync("flaky.txt", "real");
        using var __ = await os.PutAsync("steady.txt", "real");
        const string mapping = """
            {
              "Guid": "5d1f4c1e-0000-4000-8000-000000000429",
              "Priority": 1,
              "Request": { "Path": "/n/devharness/b/uploads/o/flaky.txt", "Methods": ["GET"] },
              "Response": {
                "StatusCode": 429,
                "Headers": { "Retry-After": "2", "Content-Type": "application/json" },
                "Body": "{\"code\":\"TooManyRequests\",\"message\":\"Injected throttle\"}"
              }
            }
            """;
        using var add = await os.Http.PostAsync("/__admin/mappings", new StringContent(mapping, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.True(add.IsSuccessStatusCode);

        using var throttled = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("flaky.txt"));
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), throttled.Headers.RetryAfter!.Delta);
        using var steady = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("steady.txt"));
        Assert.Equal("real", await steady.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        using var remove = await os.SendAsync(HttpMethod.Delete, "/__admin/mappings/5d1f4c1e-0000-4000-8000-000000000429");
        Assert.True(remove.IsSuccessStatusCode);
        using var healed = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("flaky.txt"));
        Assert.Equal("real", await healed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    public async Task TheJournalKeepsTheLastJournalSizeRequests(int journalSize)
    {
        await using var os = await ObjectStorageTestContext.StartAsync(o => o.JournalSize = journalSize);
        for (var i = 0; i < 5; i++)
        {
            using var _ = await os.PutAsync($"journal-{i}.txt", "x");
        }

        // WireMock journals a request after answering it: wait for the last one, then for the trim.
        string[] Journaled() => [.. os.Emulator.Server.LogEntries.Select(e => e.RequestMessage!.Path).Order(StringComparer.Ordinal)];
        string[] expected = [.. Enumerable.Range(5 - journalSize, journalSize).Select(i => ObjectStorageTestContext.ObjectPath($"journal-{i}.txt"))];
        await Eventually.TrueAsync(() => Journaled().SequenceEqual(expected), $"the journal to hold the last {journalSize} requests");
    }

    [Fact]
    public async Task A503WithLatencyOnPutStoresNothingAndJournalsTheRequest()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        const string mapping = """
            {
              "Priority": 1,
              "Request": { "Path": { "Matchers": [ { "Name": "WildcardMatcher", "Pattern": "/n/devharness/b/uploads/o/*" } ] }, "Methods": ["PUT"] },
              "Response": { "StatusCode": 503, "Delay": 300, "Headers": { "Content-Type": "application/json" },
                            "Body": "{\"code\":\"ServiceUnavailable\",\"message\":\"Injected outage\"}" }
            }
            """;
        using var add = await os.Http.PostAsync("/__admin/mappings", new StringContent(mapping, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.True(add.IsSuccessStatusCode);

        var started = DateTime.UtcNow;
        using var put = await os.PutAsync("down.txt", "x");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, put.StatusCode);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(250), "the injected delay applies");
        using var get = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("down.txt"));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);

        using var journal = await os.SendAsync(HttpMethod.Get, "/__admin/requests");
        Assert.Contains("/n/devharness/b/uploads/o/down.txt", await journal.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheJournalNeverHoldsObjectBodies()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        var body = new byte[1024 * 1024];
        Random.Shared.NextBytes(body);
        using var put = await os.PutAsync("big.bin", body);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var entry = os.Emulator.Server.LogEntries.Single(e => e.RequestMessage!.Method == "PUT");
        Assert.True(entry.RequestMessage!.BodyAsBytes is null or { Length: 0 });
        Assert.True(string.IsNullOrEmpty(entry.RequestMessage!.Body));
    }
}
