using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Benchmarks;

// The app's services, built as its command line builds them for `seed` and `reindex`: the real
// registrations and settings, but no host started, so no background dispatcher indexes while the
// import is timed and each step can be timed on its own.
public sealed class AppServices(WebApplication app, TechSupportSettings settings) : IAsyncDisposable
{
    public IServiceProvider Services => app.Services;

    public TechSupportSettings Settings => settings;

    public ILogger Logger => app.Logger;

    public static AppServices Create(string dataPath)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(Program).Assembly.GetName().Name,
            ContentRootPath = InProcessApp.WebProjectFolder(),
            EnvironmentName = Environments.Development,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TechSupport:DataPath"] = dataPath,
            ["TechSupport:Demo"] = "true",
            ["Identity:PasswordHashIterations"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var settings = builder.AddTechSupport();
        return new AppServices(builder.Build(), settings);
    }

    public AsyncServiceScope Scope() => app.Services.CreateAsyncScope();

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
