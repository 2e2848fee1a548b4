using DevHarness.Oci.Signing;

namespace DevHarness.Emulators.Events;

/// <summary>
/// With <c>--verify-signatures</c>: the emulator's admin endpoints (<c>GET /deadletters</c>,
/// <c>GET /rules</c>) require an OCI signature by a trusted key, else 401 <c>NotAuthenticated</c>.
/// <c>POST /events</c> stays open: it stands for OCI's internal delivery from Object Storage, which the
/// Object Storage emulator and <c>replay</c> perform unsigned; so do the health checks.
/// </summary>
internal sealed class AdminSignatureCheck(RequestDelegate next, SignatureVerifier verifier, ILogger<AdminSignatureCheck> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.Value is "/events" or "/health" or "/alive")
        {
            await next(context);
            return;
        }

        var verification = verifier.Admit(context);
        if (!verification.IsValid)
        {
            EventsLog.SignatureRejected(logger, context.Request.Method, context.Request.Path.Value ?? "/", verification.Failure ?? "");
            await SignatureAdmission.RefuseAsync(context, verification);
            return;
        }

        await next(context);
    }
}
