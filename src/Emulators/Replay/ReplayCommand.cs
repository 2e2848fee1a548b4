using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace DevHarness.Emulators.Replay;

/// <summary>The <c>replay</c> subcommand: feeds recorded events to a function or the events emulator (README "Fixtures and replay").</summary>
internal static class ReplayCommand
{
    private const int DetailedRowsLimit = 50;

    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "A fixtures directory of *.json events, or - for stdin.", DefaultValueFactory = _ => "fixtures/events" };
        var target = new Option<string>("--target") { Description = "http://host:port/call, unix:/path/lsnr.sock, or the events emulator's http://…/events.", Required = true };
        var objectStorage = UrlOption.Create("--objectstorage", "Seed the objects the events name into this Object Storage emulator first.");
        var objects = new Option<string?>("--objects") { Description = "Fixture objects, DIR/<bucket>/<name> (default: 'objects' beside the events directory)." };
        var ns = new Option<string?>("--namespace") { Description = "Rewrite events (and seeding) to this namespace." };
        var bucket = new Option<string?>("--bucket") { Description = "Rewrite events (and seeding) to this bucket." };
        var concurrency = new Option<int>("--concurrency") { Description = "Invocations in flight at once.", DefaultValueFactory = _ => 1 };
        var rate = new Option<double?>("--rate") { Description = "Start at most R invocations per second." };
        var repeat = new Option<int>("--repeat") { Description = "Replay the whole set K times (later rounds get fresh eventIDs).", DefaultValueFactory = _ => 1 };
        var command = new Command("replay", "Replay recorded OCI events against a function (Fn contract) and print a latency summary; exit 0 only if all succeed.")
        {
            source, target, objectStorage, objects, ns, bucket, concurrency, rate, repeat,
        };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var from = result.GetValue(source)!;
            IReadOnlyList<FixtureEvent> events;
            string? defaultObjects = null;
            var options = new ReplayOptions
            {
                Target = result.GetValue(target)!,
                ObjectStorageUrl = result.GetValue(objectStorage),
                ObjectsDirectory = result.GetValue(objects),
                Namespace = result.GetValue(ns),
                Bucket = result.GetValue(bucket),
                Concurrency = Math.Max(1, result.GetValue(concurrency)),
                Rate = result.GetValue(rate),
                Repeat = Math.Max(1, result.GetValue(repeat)),
            };
            ReplaySummary summary;
            try
            {
                if (from == "-")
                {
                    events = FixtureSource.FromText(await Console.In.ReadToEndAsync(cancellationToken));
                }
                else
                {
                    events = FixtureSource.FromDirectory(from);
                    defaultObjects = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(from).TrimEnd(Path.DirectorySeparatorChar))!, "objects");
                }

                var replayer = new Replayer(options);
                var seeded = await replayer.SeedAsync(events, defaultObjects, cancellationToken);
                if (options.ObjectStorageUrl is not null)
                {
                    AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "Seeded [bold]{0}[/] object(s) into {1}", seeded, Markup.Escape(options.ObjectStorageUrl.ToString()));
                }

                summary = await RunWithProgressAsync(replayer, events, events.Count * options.Repeat, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or FormatException or InvalidOperationException or HttpRequestException)
            {
                await Console.Error.WriteLineAsync($"replay: {ex.Message}");
                return 2;
            }

            Print(summary);
            return summary.AllSucceeded ? 0 : 1;
        });
        return command;
    }

    private static async Task<ReplaySummary> RunWithProgressAsync(Replayer replayer, IReadOnlyList<FixtureEvent> events, int total, CancellationToken cancellationToken)
    {
        if (total < DetailedRowsLimit || Console.IsOutputRedirected)
        {
            return await replayer.RunAsync(events, progress: null, cancellationToken);
        }

        ReplaySummary? summary = null;
        await AnsiConsole.Progress().StartAsync(async context =>
        {
            var task = context.AddTask("Replaying", maxValue: total);
            var progress = new Progress<ReplayResult>(_ => task.Increment(1));
            summary = await replayer.RunAsync(events, progress, cancellationToken);
            task.Value = total;
        });
        return summary!;
    }

    private static void Print(ReplaySummary summary)
    {
        var table = new Table().Border(TableBorder.Rounded);
        if (summary.Results.Count <= DetailedRowsLimit)
        {
            table.AddColumns("event", "object", "status", "latency");
            foreach (var r in summary.Results)
            {
                table.AddRow(
                    Markup.Escape(r.Event),
                    Markup.Escape(r.ObjectName ?? "-"),
                    r.Succeeded ? $"[green]{r.Status}[/]" : $"[red]{Markup.Escape(r.Status?.ToString(CultureInfo.InvariantCulture) ?? "error")}: {Markup.Escape(r.Error ?? "")}[/]",
                    Ms(r.Latency));
            }
        }
        else
        {
            // Long runs: one row per fixture, so the table stays readable.
            table.AddColumns("event", "object", "ok", "failed", "p50 latency");
            foreach (var group in summary.Results.GroupBy(r => (r.Event, r.ObjectName)))
            {
                var part = new ReplaySummary([.. group], summary.Elapsed);
                table.AddRow(Markup.Escape(group.Key.Event), Markup.Escape(group.Key.ObjectName ?? "-"), part.Succeeded.ToString(CultureInfo.InvariantCulture),
                    part.Failed == 0 ? "0" : $"[red]{part.Failed}[/]", Ms(part.Percentile(50)));
            }
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
            "{0} invocation(s): [green]{1} ok[/], {2} failed; latency p50 {3}, p95 {4}, p99 {5}; {6:0.0} invocations/s over {7:0.00} s",
            summary.Results.Count, summary.Succeeded, summary.Failed == 0 ? "0" : $"[red]{summary.Failed}[/]",
            Ms(summary.Percentile(50)), Ms(summary.Percentile(95)), Ms(summary.Percentile(99)), summary.Throughput, summary.Elapsed.TotalSeconds);
    }

    private static string Ms(TimeSpan latency) => latency.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
