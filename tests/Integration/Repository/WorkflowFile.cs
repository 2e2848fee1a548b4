namespace DevHarness.Integration.Repository;

/// <summary>
/// Reads the few things the tests check in a GitHub workflow by its layout (two-space indentation, jobs
/// under <c>jobs:</c>, steps as <c>- name:</c> items), not as general YAML: actionlint checks the YAML
/// itself, and a layout this reader does not find fails the test saying what is missing.
/// </summary>
internal sealed class WorkflowFile(string path, List<string> lines)
{
    /// <summary>The repository's root folder, found upward from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The repository's CI workflow.</summary>
    public static string CiPath { get; } = Path.Combine(RepositoryRoot, ".github", "workflows", "ci.yml");

    public static WorkflowFile Load(string path) => new(path, [.. File.ReadAllLines(path)]);

    /// <summary>The entries of a top-level mapping such as <c>permissions:</c>, trimmed (<c>contents: read</c>).</summary>
    public IReadOnlyList<string> TopLevelEntries(string key)
    {
        var header = lines.IndexOf(key + ":");
        Assert.True(header >= 0, $"{path} has no top-level '{key}:'.");
        return [.. Block(header + 1, minIndent: 1, lines.Count)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))];
    }

    /// <summary>Every line of job <paramref name="job"/>, its header excluded.</summary>
    public IReadOnlyList<string> JobLines(string job)
    {
        var (start, end) = Job(job);
        return lines[start..end];
    }

    /// <summary>The value of <c>key:</c> directly under job <paramref name="job"/>, e.g. its <c>needs</c>, or null.</summary>
    public string? JobValue(string job, string key)
    {
        var prefix = "    " + key + ":";
        return JobLines(job).Where(line => line.StartsWith(prefix, StringComparison.Ordinal))
            .Select(line => line[prefix.Length..].Trim())
            .FirstOrDefault();
    }

    /// <summary>The shell script of step <paramref name="step"/> of job <paramref name="job"/>: a <c>run: |</c> block or a one-line <c>run:</c>.</summary>
    public string StepScript(string job, string step)
    {
        var (jobStart, jobEnd) = Job(job);
        var header = lines.FindIndex(jobStart, jobEnd - jobStart, line => line.Trim() == "- name: " + step);
        Assert.True(header >= 0, $"{path}: job '{job}' has no step named '{step}'.");
        var stepEnd = header + 1 + Block(header + 1, Indent(lines[header]) + 1, jobEnd).Count;

        var run = lines.FindIndex(header, stepEnd - header, line => line.TrimStart().StartsWith("run:", StringComparison.Ordinal));
        Assert.True(run >= 0, $"{path}: step '{step}' of job '{job}' has no 'run:'.");
        var inline = lines[run].TrimStart()["run:".Length..].Trim();
        if (inline != "|")
        {
            return inline;
        }

        var body = Block(run + 1, Indent(lines[run]) + 1, stepEnd);
        var margin = body.Where(line => line.Trim().Length > 0).Min(Indent);
        return string.Concat(body.Select(line => (line.Length > margin ? line[margin..] : "") + "\n"));
    }

    // The job's lines after its "  name:" header, up to the next job or top-level key.
    private (int Start, int End) Job(string name)
    {
        var jobs = lines.IndexOf("jobs:");
        Assert.True(jobs >= 0, $"{path} has no top-level 'jobs:'.");
        var header = lines.FindIndex(jobs, line => line == "  " + name + ":");
        Assert.True(header >= 0, $"{path} has no job '{name}'.");
        var end = header + 1;
        while (end < lines.Count && (lines[end].Trim().Length == 0 || lines[end].TrimStart().StartsWith('#') || Indent(lines[end]) > 2))
        {
            end++;
        }

        return (header + 1, end);
    }

    // The lines from start on that are blank or indented at least minIndent, without trailing blank lines.
    private List<string> Block(int start, int minIndent, int limit)
    {
        var end = start;
        while (end < limit && (lines[end].Trim().Length == 0 || Indent(lines[end]) >= minIndent))
        {
            end++;
        }

        while (end > start && lines[end - 1].Trim().Length == 0)
        {
            end--;
        }

        return lines[start..end];
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DevHarness.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No DevHarness.sln above {AppContext.BaseDirectory}.");
    }
}
