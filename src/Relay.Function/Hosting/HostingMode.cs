namespace DevHarness.Relay.Hosting;

/// <summary>Which listener serves <c>POST /call</c>: the Fn agent's unix socket, or plain HTTP.</summary>
internal enum HostingMode
{
    /// <summary><c>ASPNETCORE_URLS</c>/<c>--urls</c>; also <c>/health</c> for Aspire.</summary>
    Http,

    /// <summary>The Fn contract on <c>FN_LISTENER</c> (docs/oci-facts.md §8).</summary>
    Fn,
}
