namespace DevHarness.Relay.Hosting;

/// <summary>The Fn environment variables are set but unusable; the function cannot start.</summary>
internal sealed class FnListenerException(string message) : Exception(message);
