using System.Globalization;
using WireMock.Admin.Requests;
using WireMock.Logging;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Routes WireMock's own warnings and errors to the emulator's logger. Its per-request dumps are dropped:
/// the host middleware already logs one readable line per request.
/// </summary>
internal sealed class WireMockLogger(ILogger logger) : IWireMockLogger
{
    public void Debug(string formatString, params object[] args)
    {
    }

    public void Info(string formatString, params object[] args)
    {
    }

    public void Warn(string formatString, params object[] args) =>
        ObjectStorageLog.WireMockWarning(logger, Format(formatString, args));

    public void Error(string formatString, params object[] args) =>
        ObjectStorageLog.WireMockError(logger, Format(formatString, args), null);

    public void Error(string message, Exception exception) =>
        ObjectStorageLog.WireMockError(logger, message, exception);

    public void DebugRequestResponse(LogEntryModel logEntryModel, bool isAdminRequest)
    {
    }

    private static string Format(string formatString, object[] args) =>
        args.Length == 0 ? formatString : string.Format(CultureInfo.InvariantCulture, formatString, args);
}
