using System.Net;
using System.Net.Http.Headers;
using DevHarness.Oci;
using DevHarness.Oci.Http;
using Polly;
using Polly.Timeout;

namespace DevHarness.Unit.Http;

public sealed class OciRetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 2, 10, 15, 0, TimeSpan.Zero);

    [Fact]
    public void RetryAfterInSeconds()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "7");

        Assert.Equal(TimeSpan.FromSeconds(7), OciRetryPolicy.RetryAfter(response, Now));
    }

    [Fact]
    public void RetryAfterAsHttpDate()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", "Thu, 02 May 2024 10:15:12 GMT");

        Assert.Equal(TimeSpan.FromSeconds(12), OciRetryPolicy.RetryAfter(response, Now));
    }

    [Fact]
    public void RetryAfterInThePastMeansNow()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddMinutes(-1));

        Assert.Equal(TimeSpan.Zero, OciRetryPolicy.RetryAfter(response, Now));
    }

    [Fact]
    public void NoOrUnparsableRetryAfterLeavesTheBackoff()
    {
        using var none = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        using var garbage = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        garbage.Headers.TryAddWithoutValidation("Retry-After", "soon");

        Assert.Null(OciRetryPolicy.RetryAfter(none, Now));
        Assert.Null(OciRetryPolicy.RetryAfter(garbage, Now));
        Assert.Null(OciRetryPolicy.RetryAfter(null, Now));
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(408, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(412, false)]
    [InlineData(501, false)]
    [InlineData(505, false)]
    [InlineData(200, false)]
    public void TransientStatuses(int status, bool transient)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);

        Assert.Equal(transient, OciRetryPolicy.IsTransient(Outcome.FromResult(response)));
    }

    [Fact]
    public void ConnectionFailuresAndAttemptTimeoutsAreTransientButCancellationIsNot()
    {
        Assert.True(OciRetryPolicy.IsTransient(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("connection refused"))));
        Assert.True(OciRetryPolicy.IsTransient(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
        Assert.False(OciRetryPolicy.IsTransient(Outcome.FromException<HttpResponseMessage>(new OperationCanceledException())));
    }

    [Theory]
    [InlineData("GET", true)]
    [InlineData("HEAD", true)]
    [InlineData("DELETE", true)]
    [InlineData("PUT", true)]
    [InlineData("OPTIONS", true)]
    [InlineData("POST", false)]
    [InlineData("PATCH", false)]
    public void IdempotentMethodsAreRetryableByDefault(string method, bool retryable)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "http://127.0.0.1/");

        Assert.Equal(retryable, OciRetryPolicy.IsRetryable(request));
    }

    [Fact]
    public void TheClientsExplicitChoiceWins()
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1/");
        using var post = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");
        put.Options.Set(OciRequestOptions.Retryable, false);
        post.Options.Set(OciRequestOptions.Retryable, true);

        Assert.False(OciRetryPolicy.IsRetryable(put));
        Assert.True(OciRetryPolicy.IsRetryable(post));
        Assert.False(OciRetryPolicy.IsRetryable(null));
    }

    [Fact]
    public void RetryAfterBeyondTheLimitIsNotWaitedOut()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/");
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = request };
        response.Headers.TryAddWithoutValidation("Retry-After", "120");
        var context = ResilienceContextPool.Shared.Get(TestContext.Current.CancellationToken);

        Assert.False(OciRetryPolicy.ShouldRetry(Outcome.FromResult(response), context, new OciRetryOptions { MaxRetryAfter = TimeSpan.FromSeconds(60) }, Now));
        Assert.True(OciRetryPolicy.ShouldRetry(Outcome.FromResult(response), context, new OciRetryOptions { MaxRetryAfter = TimeSpan.FromSeconds(120) }, Now));
        ResilienceContextPool.Shared.Return(context);
    }

    [Fact]
    public void InvalidOptionsAreRejectedWithTheirName()
    {
        var error = Assert.Throws<ArgumentException>(() => new OciRetryOptions { TotalTimeout = TimeSpan.FromSeconds(1) }.Validate());

        Assert.Contains("OciRetryOptions.TotalTimeout", error.Message, StringComparison.Ordinal);
    }
}
