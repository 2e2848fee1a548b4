using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);
builder.AddProject<Projects.Service>("service", options => options.ExcludeLaunchProfile = true)
    .WithHttpEndpoint(port: builder.Configuration.GetValue("ServicePort", 15310), isProxied: false)
    .WithHttpHealthCheck("/health");
builder.Build().Run();
