using Confluent.Kafka;
using DevHarness.AppHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The topology (DESIGN.md "AppHost"): objectstorage → events → relay → stream, with health checks and
// WaitFor ordering; or, with an OCI profile, the relay alone against the tenancy.
HarnessSettings settings;
IDistributedApplicationBuilder builder;
try
{
    var (harnessArguments, aspireArguments) = HarnessArguments.Split(args);
    builder = DistributedApplication.CreateBuilder(aspireArguments);
    builder.Configuration.AddInMemoryCollection(harnessArguments);
    settings = HarnessSettings.Load(builder.Configuration, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
}
catch (HarnessConfigurationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

string kafkaChoice;
if (settings.Oci is { } oci)
{
    kafkaChoice = "not used: the OCI profile publishes to the tenancy's stream";
    var authToken = oci.AuthToken is null ? null : builder.AddParameter("oci-auth-token", oci.AuthToken, secret: true);
    var relay = builder.AddRelay("relay", settings).WithOciProfile(oci, authToken)
        .WithReplayFixturesCommand(settings, builder.AppHostDirectory);
    if (oci.Publisher == "kafka")
    {
        relay.WithTailStreamCommand(OciKafka.ClientConfig(oci), oci.StreamName!);
    }

    builder.AddFixtureReplay("replay", settings).WaitFor(relay);
}
else
{
    var kafkaMode = settings.Kafka;
    kafkaChoice = kafkaMode == KafkaMode.Auto ? "chosen by --kafka auto" : $"forced by --kafka {kafkaMode.ToString().ToLowerInvariant()}";
    if (kafkaMode == KafkaMode.Auto)
    {
        var whyNot = await DockerProbe.WhyUnavailableAsync(builder.Configuration["DOCKER_HOST"], CancellationToken.None);
        kafkaMode = whyNot is null ? KafkaMode.Container : KafkaMode.Embedded;
        kafkaChoice = whyNot ?? "a Docker engine answered";
    }

    var parameters = builder.AddHarnessParameters(settings);
    var kafka = kafkaMode == KafkaMode.Container ? builder.AddKafkaContainer("kafka", settings.Ports) : null;
    var stream = builder.AddStreamEmulator("stream", settings, parameters, kafka)
        .WithTailStreamCommand(new ClientConfig { BootstrapServers = settings.Ports.KafkaBootstrap }, settings.StreamName);
    var objectStorage = builder.AddObjectStorageEmulator("objectstorage", settings.Ports, parameters)
        .WithUploadSampleCommand(settings.Ports, parameters);
    var relay = builder.AddRelay("relay", settings).WithLocalEmulators(settings.Ports, parameters)
        .WithReplayFixturesCommand(settings, builder.AppHostDirectory)
        .WaitFor(stream)
        .WaitFor(objectStorage);
    var events = builder.AddEventsEmulator("events", settings.Ports, rulesFile: null)
        .WaitFor(relay);
    builder.AddFixtureReplay("replay", settings)
        .WaitFor(objectStorage)
        .WaitFor(events);
    settings = settings with { Kafka = kafkaMode };
}

var app = builder.Build();
var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DevHarness.AppHost");
if (settings.Oci is { } profile)
{
    logger.OciProfileMode(profile.Profile, profile.ConfigFile, profile.Region, profile.Publisher);
}
else
{
    logger.KafkaModeChosen(settings.Kafka == KafkaMode.Container ? "Kafka container" : "embedded broker", kafkaChoice);
}

await app.RunAsync();
return 0;
