using Microsoft.Extensions.Configuration;

// A user's AppHost: OCI Object Storage, Events and Streaming from the DevHarness.Hosting.Oci package, and a
// function that relays object events into the stream. Ports default to the documented ones (10100…10109);
// --Ports:ObjectStorage=… and friends move them (the repository's test uses free ports).
var builder = DistributedApplication.CreateBuilder(args);
var ports = builder.Configuration.GetSection("Ports");

var objectStorage = builder.AddOciObjectStorage("objectstorage")
    .RunAsEmulator(emulator => emulator.WithPort(ports.GetValue("ObjectStorage", 10100)).WithEventsPort(ports.GetValue("Events", 10102)));
var stream = builder.AddOciStream("stream", partitions: 3).WithStreamName("relay")
    .RunAsEmulator(emulator => emulator.WithPort(ports.GetValue("Stream", 10101)).WithKafkaPort(ports.GetValue("Kafka", 10109)));

builder.AddProject<Projects.Relay_Function>("relay")
    .WithHttpEndpoint(port: ports.GetValue("Relay", 10103), isProxied: false)
    .WithHttpHealthCheck("/health")
    .WithoutHttpsCertificate() // plain HTTP: no development certificate needed, so no dashboard warning about one
    .WithReference(objectStorage).WaitFor(objectStorage)
    .WithReference(stream).WaitFor(stream)
    .WithObjectStorageEvents(objectStorage, bucket: "uploads")
    // Until the relay reads ConnectionStrings__objectstorage and ConnectionStrings__stream itself:
    .WithEnvironment("Oci__Auth", "none")
    .WithEnvironment("ObjectStorage__Endpoint", objectStorage.Resource.Emulator!.Url)
    .WithEnvironment("Stream__BootstrapServers", stream.Resource.Emulator!.BootstrapServers);

builder.Build().Run();
