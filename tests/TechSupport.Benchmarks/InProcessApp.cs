using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Benchmarks;

// The app on real Kestrel at 127.0.0.1 with a fresh data folder and the demo facility, so the numbers
// include sockets, HTTP parsing, authentication and the whole pipeline, as a client sees them.
public sealed class InProcessApp : WebApplicationFactory<Program>
{
    private readonly bool ownsData;

    // A data folder can be given so the app starts on what an earlier step imported; it stays the caller's.
    // A folder of its own is deleted with the app.
    public InProcessApp(string? dataPath = null)
    {
        ownsData = dataPath is null;
        DataPath = dataPath ?? Path.Combine(Path.GetTempPath(), "techsupport-benchmark", Guid.NewGuid().ToString("N"));
        UseKestrel(0);
    }

    public string DataPath { get; }

    public Uri Address { get; private set; } = null!; // set by Start, before anything reads it

    // The database file the app writes, from the app's own resolved settings.
    public string DatabaseFile =>
        new SqliteConnectionStringBuilder(Services.GetRequiredService<TechSupportSettings>().ConnectionString).DataSource;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        Address = new Uri(addresses.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(WebProjectFolder());
        builder.UseEnvironment("Development");
        builder.UseSetting("TechSupport:DataPath", DataPath);
        builder.UseSetting("TechSupport:Demo", "true");
        // Only sign-in hashes passwords; the production 210,000 iterations would just slow seeding.
        builder.UseSetting("Identity:PasswordHashIterations", "1000");
        // A console line per request would measure the terminal, not the app.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // One benchmark account searches hundreds of times a second by design; the limits would measure
        // themselves.
        foreach (var limit in new[] { "SignIn", "Search", "Suggestions", "Import" })
        {
            builder.UseSetting($"RateLimits:{limit}:PerAccount", "1000000");
            builder.UseSetting($"RateLimits:{limit}:PerClient", "1000000");
        }
    }

    // The factory looks for this build manifest in the current folder, which under `dotnet run` is where the
    // command was typed, not the output folder; read it from the output folder instead.
    public static string WebProjectFolder()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        var projects = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifest));
        return projects?.GetValueOrDefault(typeof(Program).Assembly.FullName ?? "")
            ?? throw new InvalidOperationException($"{manifest} does not name the web project's folder.");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (ownsData && Directory.Exists(DataPath))
        {
            Directory.Delete(DataPath, recursive: true);
        }
    }
}
