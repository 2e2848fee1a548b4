using System.CommandLine;
using DevHarness.Emulators.ObjectStorage;

namespace DevHarness.Emulators.Events;

/// <summary>The <c>events</c> subcommand: OCI Events rules invoking functions (README "Events emulator").</summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Address to bind.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on (0 = any free port).", DefaultValueFactory = _ => 10102 };
        var rules = new Option<string?>("--rules") { Description = "Rules file (JSON, README \"Events emulator\"); default: one rule for bucket 'uploads'." };
        var target = new Option<string>("--target")
        {
            Description = "Function for the default rule: http://host:port/call or unix:/path/lsnr.sock.",
            DefaultValueFactory = _ => RulesFile.DefaultTarget,
        };
        var attempts = new Option<int>("--max-attempts") { Description = "Attempts per invocation before it is dead-lettered.", DefaultValueFactory = _ => 4 };
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "Invocations in flight at once; one object's events are never in flight together, so they arrive in order.",
            DefaultValueFactory = _ => EventsEmulatorOptions.DefaultConcurrency,
        };
        var queueLimit = new Option<int>("--queue-limit")
        {
            Description = "Events accepted and waiting to be invoked, at most; beyond it POST /events waits for room before it answers.",
            DefaultValueFactory = _ => EventsEmulatorOptions.DefaultQueueLimit,
        };
        var dataDir = new Option<string?>("--data-dir") { Description = "Keep dead letters in this directory, so a restart loses none (default: memory only)." };
        var verify = new Option<string[]>("--verify-signatures")
        {
            Description = "Strict mode: GET /deadletters and GET /rules require a request signed by this public key (PEM file; repeatable).",
            DefaultValueFactory = _ => [],
        };
        var command = new Command("events", "OCI Events emulator: POST /events, rules, function invocation (Fn contract), GET /deadletters.")
        {
            host, port, rules, target, attempts, concurrency, queueLimit, dataDir, verify,
        };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var options = new EventsEmulatorOptions
            {
                Host = result.GetValue(host)!,
                Port = result.GetValue(port),
                RulesFile = result.GetValue(rules),
                Target = result.GetValue(target)!,
                MaxAttempts = result.GetValue(attempts),
                Concurrency = result.GetValue(concurrency),
                QueueLimit = result.GetValue(queueLimit),
                DataDirectory = result.GetValue(dataDir),
                TrustedPublicKeyFiles = result.GetValue(verify)!,
            };
            if (!FunctionTarget.IsValid(options.Target))
            {
                await Console.Error.WriteLineAsync($"events: --target '{options.Target}' is not an http(s) URL or unix:/path/to/lsnr.sock.");
                return 1;
            }

            return await EmulatorHost.RunAsync(
                "events",
                async (loggerFactory, ct) => await EventsEmulator.StartAsync(options, loggerFactory, ct),
                cancellationToken,
                addServiceDefaults: false);
        });
        return command;
    }
}
