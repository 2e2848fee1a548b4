using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DevHarness.AppHost;

/// <summary>
/// The AppHost builder and the harness's settings, read and checked before anything is added: every problem
/// with the options is printed at once and nothing starts.
/// </summary>
internal sealed record Harness(IDistributedApplicationBuilder Builder, HarnessSettings Settings)
{
    /// <summary>The repository's recorded events, relative to this project.</summary>
    public const string FixtureEvents = "../../fixtures/events";

    public static async Task<Harness?> CreateAsync(string[] args)
    {
        IDistributedApplicationBuilder builder;
        HarnessSettings settings;
        try
        {
            var (harnessArguments, aspireArguments) = HarnessArguments.Split(args);
            builder = DistributedApplication.CreateBuilder(aspireArguments);
            builder.Configuration.AddInMemoryCollection(harnessArguments);
            settings = HarnessSettings.Load(builder.Configuration, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), builder.AppHostDirectory);
        }
        catch (HarnessConfigurationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return null;
        }

        string choice;
        if (settings.Oci is not null)
        {
            choice = "not used: the OCI profile publishes to the tenancy's stream";
        }
        else if (settings.Kafka == KafkaMode.Auto)
        {
            var whyNot = await DockerProbe.WhyUnavailableAsync(builder.Configuration["DOCKER_HOST"], CancellationToken.None);
            settings = settings with { Kafka = whyNot is null ? KafkaMode.Container : KafkaMode.Embedded };
            choice = whyNot ?? "a Docker engine answered";
        }
        else
        {
            choice = $"forced by --kafka {settings.Kafka.ToString().ToLowerInvariant()}";
        }

        var chosen = settings;
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            var logger = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DevHarness.AppHost");
            if (chosen.Oci is { } oci)
            {
                logger.OciProfileMode(oci.Profile, oci.ConfigFile, oci.Region, oci.Publisher);
            }
            else
            {
                logger.KafkaModeChosen(chosen.Kafka == KafkaMode.Container ? "Kafka container" : "embedded broker", choice);
            }

            return Task.CompletedTask;
        });
        return new Harness(builder, settings);
    }
}
