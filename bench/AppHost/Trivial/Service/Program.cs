var app = WebApplication.CreateSlimBuilder(args).Build();
app.MapGet("/health", () => "Healthy");
app.Run();
