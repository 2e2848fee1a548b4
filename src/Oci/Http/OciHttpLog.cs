using Microsoft.Extensions.Logging;

namespace DevHarness.Oci.Http;

/// <summary>Log messages of the OCI HTTP pipeline.</summary>
internal static partial class OciHttpLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "Retrying {Method} {Path} (retry {Attempt}) in {DelayMs} ms after {Reason}")]
    public static partial void Retrying(ILogger logger, string method, string path, int attempt, long delayMs, string reason);
}
