using TechSupport.Web.Cli;
using TechSupport.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
var settings = builder.AddTechSupport();
var app = builder.Build();

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app, settings, args);
}

await DatabaseStartup.PrepareAsync(app.Services, settings, app.Logger, app.Lifetime.ApplicationStopping);
app.UseTechSupport();
await app.RunAsync();
return 0;

public partial class Program;
