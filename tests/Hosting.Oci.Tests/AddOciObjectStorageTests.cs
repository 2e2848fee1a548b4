namespace DevHarness.Hosting.Oci.Tests;

public sealed class AddOciObjectStorageTests
{
    [Fact]
    public async Task RunAsEmulatorPutsTheEmulatorInTheServicesPlaceOnTheDocumentedPort()
    {
        var builder = AppModel.CreateBuilder();
        var objectStorage = builder.AddOciObjectStorage("objectstorage").RunAsEmulator();

        var model = AppModel.Build(builder, out var app);
        await using var _ = app;

        var resource = Assert.Single(model.Resources, r => r.Name == "objectstorage");
        var emulator = Assert.IsType<OciObjectStorageEmulatorResource>(resource);
        Assert.Same(objectStorage.Resource, emulator.Service);
        Assert.True(objectStorage.Resource.IsEmulator);
        Assert.DoesNotContain(model.Resources, r => r is OciObjectStorageResource);
        Assert.Equal("dotnet", emulator.Command);

        var endpoint = Assert.Single(emulator.Annotations.OfType<EndpointAnnotation>());
        Assert.Equal(("http", 10100, 10100, false), (endpoint.Name, endpoint.Port, endpoint.TargetPort, endpoint.IsProxied));

        Assert.Equal(
            [AppModel.EmulatorsDll, "objectstorage", "--host", "127.0.0.1", "--port", "10100", "--namespace", "devharness", "--bucket", "uploads"],
            await AppModel.ArgumentsAsync(emulator));
        Assert.Equal("Endpoint=http://127.0.0.1:10100;Namespace=devharness", await AppModel.ConnectionStringAsync(objectStorage.Resource));
        Assert.Single(emulator.Annotations.OfType<HealthCheckAnnotation>());
        Assert.Contains(emulator.Annotations.OfType<ResourceCommandAnnotation>(), c => c.Name == OciDashboardCommands.UploadSample);
    }

    [Fact]
    public async Task EmulatorOptionsBecomeItsCommandLine()
    {
        var builder = AppModel.CreateBuilder();
        builder.AddOciObjectStorage("files").WithNamespace("acme").RunAsEmulator(emulator => emulator
            .WithPort(20100)
            .WithBucket("inbox")
            .WithBucket("archive")
            .WithSeedObjects("fixtures/objects")
            .WithDataFolder()
            .WithSignatureVerification("keys/public.pem"));

        var model = AppModel.Build(builder, out var app);
        await using var _ = app;

        var emulator = (OciObjectStorageEmulatorResource)model.Resources.Single(r => r.Name == "files");
        var arguments = await AppModel.ArgumentsAsync(emulator);
        Assert.Equal(
            [
                AppModel.EmulatorsDll, "objectstorage", "--host", "127.0.0.1", "--port", "20100", "--namespace", "acme",
                "--bucket", "inbox", "--bucket", "archive",
                "--seed", Path.Combine(builder.AppHostDirectory, "fixtures", "objects"),
                "--data-dir", Path.Combine(builder.AppHostDirectory, ".devharness", "files"),
                "--verify-signatures", Path.Combine(builder.AppHostDirectory, "keys", "public.pem"),
            ],
            arguments);
        Assert.Equal("Endpoint=http://127.0.0.1:20100;Namespace=acme", await AppModel.ConnectionStringAsync(emulator));
        Assert.Contains(emulator.Annotations.OfType<ResourceCommandAnnotation>(), c => c.Name == OciDashboardCommands.StartClean);
    }

    [Fact]
    public async Task AReferenceHandsTheConnectionStringToTheConsumer()
    {
        var builder = AppModel.CreateBuilder();
        var objectStorage = builder.AddOciObjectStorage("objectstorage").RunAsEmulator();
        var consumer = builder.AddExecutable("consumer", "true", ".").WithReference(objectStorage).WaitFor(objectStorage);

        var model = AppModel.Build(builder, out var app);
        await using var _ = app;

        var environment = await AppModel.EnvironmentAsync(consumer.Resource);
        Assert.Equal("Endpoint=http://127.0.0.1:10100;Namespace=devharness", environment["ConnectionStrings__objectstorage"]);
        var wait = Assert.Single(consumer.Resource.Annotations.OfType<WaitAnnotation>());
        Assert.Equal(("objectstorage", WaitType.WaitUntilHealthy), (wait.Resource.Name, wait.WaitType));
        Assert.NotEmpty(wait.Resource.Annotations.OfType<HealthCheckAnnotation>());
    }

    [Fact]
    public async Task WithoutTheEmulatorsTheErrorSaysWhatToReference()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = [$"--{EmulatorPackage.EnvironmentVariable}=/nowhere/DevHarness.Emulators.dll"],
            DisableDashboard = true,
        });
        builder.AddOciObjectStorage("objectstorage").RunAsEmulator();
        var model = AppModel.Build(builder, out var app);
        await using var _ = app;

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => AppModel.ArgumentsAsync(model.Resources.Single(r => r.Name == "objectstorage")));
        Assert.Contains("/nowhere/DevHarness.Emulators.dll", error.Message, StringComparison.Ordinal);
    }
}
