using System.Diagnostics;

namespace DevHarness.Benchmarks.Startup;

/// <summary>
/// One process the <c>startup</c> scenario launches again and again: how to start it on fresh ports and the
/// first real API call that must succeed (<paramref name="Call"/> names it in the output).
/// </summary>
/// <param name="Name">How the output names it, e.g. <c>objectstorage</c> or <c>s3rver</c>.</param>
/// <param name="Call">The API call timed, e.g. <c>GetNamespace</c>.</param>
/// <param name="Launch">
/// The command line for a listening port, a spare one (the stream's Kafka port) and an empty folder of its
/// own for its data, removed after each launch (a killed stream emulator would leave its temporary log behind).
/// </param>
/// <param name="Request">The call, relative to the process's base URL; a new request each attempt.</param>
internal sealed record StartupCandidate(
    string Name,
    string Call,
    Func<int, int, string, ProcessStartInfo> Launch,
    Func<HttpRequestMessage> Request);
