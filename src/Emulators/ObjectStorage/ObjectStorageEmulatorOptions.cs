namespace DevHarness.Emulators.ObjectStorage;

/// <summary>Settings of the <c>objectstorage</c> emulator (the subcommand's options, README "Object Storage emulator").</summary>
internal sealed class ObjectStorageEmulatorOptions
{
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port; the started emulator reports it in <see cref="ObjectStorageEmulator.Url"/>.</summary>
    public int Port { get; set; } = 10100;

    public string Namespace { get; set; } = "devharness";

    /// <summary>Buckets that exist at start, with object events enabled.</summary>
    public IList<string> Buckets { get; init; } = ["uploads"];

    public string? DataDirectory { get; set; }

    public string? SeedDirectory { get; set; }

    /// <summary>Where object events are posted (the events emulator's <c>POST /events</c>); none when absent.</summary>
    public Uri? EventsUrl { get; set; }

    /// <summary>PEM files of public keys whose signatures are accepted; strict signature mode when not empty.</summary>
    public IList<string> TrustedPublicKeyFiles { get; init; } = [];

    /// <summary>
    /// The folder WireMock may read and write files in (<c>BodyAsFile</c>, <c>/__admin/files</c>, saved
    /// mappings); null, the default, refuses all of WireMock's file access (see <see cref="WireMockFiles"/>).
    /// </summary>
    public string? WireMockFilesDirectory { get; set; }

    /// <summary>
    /// WireMock copies and sorts the whole journal on every request to trim it; at 1000 entries that was a third of
    /// the emulator's CPU per upload (bench <c>loop</c>), at 100 it is lost in the noise.
    /// </summary>
    public const int DefaultJournalSize = 100;

    /// <summary>How many requests the WireMock journal keeps (object bodies are never in it); 0 keeps none.</summary>
    public int JournalSize { get; set; } = DefaultJournalSize;

    /// <summary>How many times a failed event post is retried before it is logged as lost.</summary>
    public int EventDeliveryAttempts { get; set; } = 8;

    public TimeSpan EventRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeProvider Clock { get; set; } = TimeProvider.System;
}
