using Confluent.Kafka;
using DevHarness.Oci;
using DevHarness.Oci.Client;
using DevHarness.Oci.Connections;
using DevHarness.Oci.Streaming;
using DevHarness.Oci.Streaming.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Registers an OCI stream's clients for a service, from the connection string an Aspire AppHost gives it: Kafka
/// producers and consumers built on OCI Streaming's rules (<see cref="OciKafkaSettings"/>), and the REST client.
/// </summary>
public static class OciStreamClientExtensions
{
    /// <summary>The configuration section of the switches (<c>DisableHealthChecks</c>, <c>DisableTracing</c>).</summary>
    public const string ConfigurationSection = "DevHarness:Oci:Stream";

    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Registers a singleton <see cref="IProducer{TKey, TValue}"/> for the stream (the topic is its
    /// <c>StreamName</c>; the parsed <see cref="StreamConnectionString"/> is registered too), with a health check
    /// that asks for the topic's metadata. Confluent.Kafka's own serializers cover <c>byte[]</c>, <c>string</c>,
    /// <c>Null</c> and numbers; set others in <paramref name="configureBuilder"/>.
    /// </summary>
    /// <param name="builder">The service's host builder.</param>
    /// <param name="connectionName">The connection string's name: <c>ConnectionStrings:{connectionName}</c>.</param>
    /// <param name="configureSettings">Changes the settings after they are read from configuration.</param>
    /// <param name="configureConfig">Adds what is the service's own (client id, linger, timeouts) to OCI's producer rules.</param>
    /// <param name="configureBuilder">Serializers and handlers.</param>
    /// <exception cref="InvalidOperationException">The connection string is missing, malformed, or lacks what a Kafka client needs.</exception>
    public static IHostApplicationBuilder AddOciStreamProducer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<OciStreamClientSettings>? configureSettings = null, Action<ProducerConfig>? configureConfig = null,
        Action<ProducerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        var settings = ReadKafka(builder, connectionName, configureSettings);
        var config = Kafka(connectionName, () => OciKafkaSettings.Producer(settings.Connection));
        configureConfig?.Invoke(config);
        builder.Services.AddSingleton(services =>
        {
            var producer = new ProducerBuilder<TKey, TValue>(config);
            configureBuilder?.Invoke(producer);
            return producer.Build();
        });
        AddKafkaHealthCheck(builder, settings, $"OciStreamProducer_{connectionName}", services => services.GetRequiredService<IProducer<TKey, TValue>>());
        return builder;
    }

    /// <summary>
    /// Registers a singleton <see cref="IConsumer{TKey, TValue}"/> in consumer group <paramref name="groupId"/>; subscribe
    /// it to the registered <see cref="StreamConnectionString"/>'s <c>StreamName</c>. It never creates a topic.
    /// </summary>
    /// <param name="builder">The service's host builder.</param>
    /// <param name="connectionName">The connection string's name: <c>ConnectionStrings:{connectionName}</c>.</param>
    /// <param name="groupId">The consumer group (OCI allows 50 per stream).</param>
    /// <param name="configureSettings">Changes the settings after they are read from configuration.</param>
    /// <param name="configureConfig">Adds what is the service's own (offset reset, commits, timeouts) to OCI's consumer rules.</param>
    /// <param name="configureBuilder">Deserializers and handlers.</param>
    /// <exception cref="InvalidOperationException">The connection string is missing, malformed, or lacks what a Kafka client needs.</exception>
    public static IHostApplicationBuilder AddOciStreamConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName, string groupId,
        Action<OciStreamClientSettings>? configureSettings = null, Action<ConsumerConfig>? configureConfig = null,
        Action<ConsumerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        var settings = ReadKafka(builder, connectionName, configureSettings);
        var config = Kafka(connectionName, () => OciKafkaSettings.Consumer(settings.Connection, groupId));
        configureConfig?.Invoke(config);
        builder.Services.AddSingleton(services =>
        {
            var consumer = new ConsumerBuilder<TKey, TValue>(config);
            configureBuilder?.Invoke(consumer);
            return consumer.Build();
        });
        AddKafkaHealthCheck(builder, settings, $"OciStreamConsumer_{connectionName}", services => services.GetRequiredService<IConsumer<TKey, TValue>>());
        return builder;
    }

    /// <summary>
    /// Registers the REST <see cref="StreamClient"/> for the stream's <c>MessagesEndpoint</c> (signed as the connection
    /// string says; unsigned for the emulator), with a health check (GetStream of <c>StreamId</c>) and tracing unless disabled.
    /// </summary>
    /// <param name="builder">The service's host builder.</param>
    /// <param name="connectionName">The connection string's name: <c>ConnectionStrings:{connectionName}</c>.</param>
    /// <param name="configureSettings">Changes the settings after they are read from configuration.</param>
    /// <exception cref="InvalidOperationException">The connection string is missing or malformed, or lacks <c>MessagesEndpoint</c> or <c>StreamId</c>.</exception>
    public static IHostApplicationBuilder AddOciStreamClient(this IHostApplicationBuilder builder, string connectionName,
        Action<OciStreamClientSettings>? configureSettings = null)
    {
        var settings = Read(builder, connectionName, configureSettings);
        var connection = settings.Connection;
        if (connection is not { MessagesEndpoint: { } endpoint, StreamId: { } streamId })
        {
            throw OciConnectionStrings.Missing(connectionName, "MessagesEndpoint and StreamId",
                "MessagesEndpoint=http://127.0.0.1:10101;StreamId=ocid1.stream.oc1.local.relay");
        }

        var keys = OciConnectionStrings.KeyProvider(connectionName, connection.Auth, connection.ConfigFile, connection.Profile);
        var http = builder.Services.AddOciStreamClient(options =>
        {
            options.Endpoint = endpoint;
            options.KeyProvider = keys;
            options.Retry = settings.Retry;
        });

        if (!settings.DisableTracing)
        {
            http.AddHttpMessageHandler(() => new OciClientTracing("Streaming"));
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(OciClientTracing.ActivitySourceName));
        }

        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration($"OciStreamClient_{connectionName}",
                services => new StreamHealthCheck(services.GetRequiredService<StreamClient>(), streamId), failureStatus: null, tags: null,
                timeout: HealthCheckTimeout));
        }

        return builder;
    }

    private static OciStreamClientSettings Read(IHostApplicationBuilder builder, string connectionName, Action<OciStreamClientSettings>? configureSettings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        var settings = new OciStreamClientSettings
        {
            Connection = OciConnectionStrings.Read(builder.Configuration, connectionName, StreamConnectionString.Parse) ?? new(),
            DisableHealthChecks = OciConnectionStrings.Flag(builder.Configuration, ConfigurationSection, nameof(OciStreamClientSettings.DisableHealthChecks)),
            DisableTracing = OciConnectionStrings.Flag(builder.Configuration, ConfigurationSection, nameof(OciStreamClientSettings.DisableTracing)),
        };
        configureSettings?.Invoke(settings);
        builder.Services.AddSingleton(settings.Connection);
        return settings;
    }

    private static OciStreamClientSettings ReadKafka(IHostApplicationBuilder builder, string connectionName, Action<OciStreamClientSettings>? configureSettings)
    {
        var settings = Read(builder, connectionName, configureSettings);
        if (settings.Connection is not { BootstrapServers: not null, StreamName: not null })
        {
            throw OciConnectionStrings.Missing(connectionName, "BootstrapServers and StreamName (the topic)",
                "BootstrapServers=127.0.0.1:10109;StreamName=relay");
        }

        return settings;
    }

    /// <summary>The profile's config; its complaints (a SASL username without a token) name the connection string.</summary>
    private static T Kafka<T>(string connectionName, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:{connectionName}: {ex.Message}", ex);
        }
    }

    private static void AddKafkaHealthCheck(IHostApplicationBuilder builder, OciStreamClientSettings settings, string name, Func<IServiceProvider, IClient> client)
    {
        if (!settings.DisableHealthChecks)
        {
            var topic = settings.Connection.StreamName!;
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(name,
                services => new KafkaTopicHealthCheck(client(services), topic), failureStatus: null, tags: null, timeout: HealthCheckTimeout));
        }
    }
}
