using System.Text.Json;
using DevHarness.Oci;
using DevHarness.Oci.Signing;

namespace DevHarness.Emulators.Streaming.Facade;

/// <summary>
/// With <c>--verify-signatures</c>: every Streaming API request must carry a valid OCI signature by the
/// configured key, either with body headers or without them (the .NET SDK signs PutMessages without its
/// body, OCI-NOTES §2.2), else 401 <c>NotAuthenticated</c>. Health and admin endpoints stay open.
/// </summary>
internal sealed class SignatureCheckMiddleware(RequestDelegate next, SignatureVerifier verifier, ILogger<SignatureCheckMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/20180418", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var request = await SignedRequest.FromHttpRequestAsync(context.Request, context.RequestAborted);
        var verification = verifier.Verify(request);
        if (verification.IsValid)
        {
            await next(context);
            return;
        }

        StreamLog.SignatureRejected(logger, context.Request.Method, context.Request.Path, verification.Failure ?? "");
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, verification.ToErrorBody(), OciJsonContext.Default.OciErrorBody, context.RequestAborted);
    }
}
