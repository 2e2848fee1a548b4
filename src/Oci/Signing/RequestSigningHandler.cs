using DevHarness.Oci.Auth;

namespace DevHarness.Oci.Signing;

/// <summary>
/// Signs every request passing through an <see cref="HttpClient"/> pipeline with <see cref="RequestSigner"/>.
/// Put it inside (after) any retry handler, so each attempt carries a fresh date and signature.
/// </summary>
/// <param name="keys">The credential source.</param>
/// <param name="time">The clock for <c>date</c>; the system clock when null.</param>
public sealed class RequestSigningHandler(IKeyProvider keys, TimeProvider? time = null) : DelegatingHandler
{
    /// <summary>
    /// The per-request strategy (<c>request.Options.Set(RequestSigningHandler.Strategy, …)</c>); absent
    /// means <see cref="SigningStrategy.Standard"/>. Clients set <see cref="SigningStrategy.ExcludeBody"/>
    /// on PutObject, UploadPart and PutMessages.
    /// </summary>
    public static readonly HttpRequestOptionsKey<SigningStrategy> Strategy = new("DevHarness.Oci.Signing.Strategy");

    private readonly RequestSigner _signer = new(keys, time);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _signer.SignAsync(request, StrategyOf(request), cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The synchronous pipeline must sign too; signing only awaits buffering of the body.
        _signer.SignAsync(request, StrategyOf(request), cancellationToken).GetAwaiter().GetResult();
        return base.Send(request, cancellationToken);
    }

    private static SigningStrategy StrategyOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Strategy, out var strategy) ? strategy : SigningStrategy.Standard;
}
