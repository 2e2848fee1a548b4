using DevHarness.Oci.Signing;

namespace DevHarness.Emulators.Streaming.Facade;

/// <summary>
/// With <c>--verify-signatures</c>: every request but the health checks — the Streaming API and the
/// <c>/_admin/faults</c> API alike — must carry a valid OCI signature by the configured key, with body
/// headers or without them (the .NET SDK signs PutMessages without its body, docs/oci-facts.md §2.2), else 401
/// <c>NotAuthenticated</c>. The signature is checked from the headers before the body is read; a signed
/// body is then held to its <c>x-content-sha256</c> while the endpoint reads it.
/// </summary>
internal sealed class SignatureCheckMiddleware(RequestDelegate next, SignatureVerifier verifier, ILogger<SignatureCheckMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.Value is "/health" or "/alive")
        {
            await next(context);
            return;
        }

        var verification = verifier.Admit(context);
        if (!verification.IsValid)
        {
            await RefuseAsync(context, verification);
            return;
        }

        try
        {
            await next(context);
        }
        catch (SignedBodyMismatchException mismatch) when (!context.Response.HasStarted)
        {
            await RefuseAsync(context, mismatch.Verification);
        }
    }

    private Task RefuseAsync(HttpContext context, SignatureVerification refusal)
    {
        StreamLog.SignatureRejected(logger, context.Request.Method, context.Request.Path, refusal.Failure ?? "");
        return SignatureAdmission.RefuseAsync(context, refusal);
    }
}
