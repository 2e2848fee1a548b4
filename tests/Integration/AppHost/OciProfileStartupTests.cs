using System.Diagnostics;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// The real <c>dotnet run --project src/AppHost</c> with an incomplete OCI profile: one message listing
/// every missing setting, exit code 1, and nothing started (no DCP, no dashboard).
/// </summary>
public sealed class OciProfileStartupTests
{
    [Fact]
    public async Task MissingSettingsStopTheAppHostBeforeAnythingStarts()
    {
        var ct = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "run", "--no-build", "--project", Projects.AppHost.ProjectPath, "--",
                "--oci-profile", "NOPE", "--oci-config-file", "/nonexistent/devharness/config",
            },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(2), ct);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var error = await stderr;
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("DevHarness cannot start; fix these settings first:", error, StringComparison.Ordinal);
        Assert.Contains("OCI config file: /nonexistent/devharness/config does not exist", error, StringComparison.Ordinal);
        Assert.Contains("--namespace", error, StringComparison.Ordinal);
        Assert.Contains("--bucket", error, StringComparison.Ordinal);
        Assert.Contains("--stream-ocid", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Starting DCP", await stdout, StringComparison.Ordinal);
    }
}
