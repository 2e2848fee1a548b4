var builder = DistributedApplication.CreateBuilder(args);

builder.AddProject<Projects.Emulators>("stream");

builder.Build().Run();
