using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Tests.Support;

// One app per test class: a fresh SQLite file and data folder in a temp directory, deleted after.
public class TechSupportApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Test-Password-123";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly Dictionary<string, string?> _settings = new()
    {
        ["TechSupport:Demo"] = "false",
        ["Identity:PasswordHashIterations"] = "1000",
        // A suite signs in and searches far faster than people do, all from one address; RateLimitTests
        // puts the real limits back (With(key, null)) and proves them.
        ["RateLimits:SignIn:PerAccount"] = "100000",
        ["RateLimits:SignIn:PerClient"] = "100000",
        ["RateLimits:Search:PerAccount"] = "100000",
        ["RateLimits:Search:PerClient"] = "100000",
        ["RateLimits:Suggestions:PerAccount"] = "100000",
        ["RateLimits:Suggestions:PerClient"] = "100000",
        ["RateLimits:Import:PerAccount"] = "100000",
        ["RateLimits:Import:PerClient"] = "100000",
    };

    private readonly List<Action<IServiceCollection>> _replacements = [];
    private bool _keepData;

    public TechSupportApp()
        : this(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero))
    {
    }

    protected TechSupportApp(DateTimeOffset start)
        : this(Path.Combine(Path.GetTempPath(), "techsupport-tests", Guid.NewGuid().ToString("N")), start)
    {
    }

    private TechSupportApp(string dataPath, DateTimeOffset start)
    {
        DataPath = dataPath;
        Clock = new FakeTimeProvider(start);
        SecondFactors = new SecondFactors(this);
    }

    // A new app on the data folder a stopped one left, as when the service starts again; this one
    // deletes the folder when it is disposed.
    public static TechSupportApp StartingOn(string dataPath) => new(dataPath, new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    // Stops the app as the service stops, leaving its data folder for another to start on.
    public async Task StopKeepingDataAsync()
    {
        _keepData = true;
        await DisposeAsync();
    }

    public string DataPath { get; }

    public FakeTimeProvider Clock { get; }

    // The authenticators of admins and managers the support signed in (Identity:RequireMfaForRoles).
    public SecondFactors SecondFactors { get; }

    public SwitchableSearchIndex SearchEngine => Services.GetRequiredService<SwitchableSearchIndex>();

    // A second instance of the app on this one's database (with a search index of its own).
    public TechSupportApp SharingDatabaseWith(TechSupportApp other) =>
        With("ConnectionStrings:TechSupport", $"Data Source={Path.Combine(other.DataPath, "techsupport.db")}");

    // Services a test puts in place of the app's own (registered after them, so they win).
    public TechSupportApp Replacing(Action<IServiceCollection> services)
    {
        _replacements.Add(services);
        return this;
    }

    public TechSupportApp With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("TechSupport:DataPath", DataPath);
        foreach (var (key, value) in _settings.Where(s => s.Value is not null))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(provider => new SwitchableSearchIndex(provider.GetRequiredService<TechSupport.Search.Lucene.LuceneSearchIndex>()));
            services.AddSingleton<TechSupport.Search.ISearchIndex>(provider => provider.GetRequiredService<SwitchableSearchIndex>());
            foreach (var replace in _replacements)
            {
                replace(services);
            }
        });
    }

    public Task InitializeAsync()
    {
        _ = Server; // starts the host: migrations run now, not in the first test's timing
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        SqliteConnection.ClearAllPools();
        if (!_keepData && Directory.Exists(DataPath))
        {
            Directory.Delete(DataPath, recursive: true);
        }
    }

    // Lets the outbox reach the search index before a test searches: dispatches until it is empty.
    public async Task IndexedAsync()
    {
        var dispatcher = Services.GetRequiredService<Application.Outbox.OutboxDispatcher>();
        for (var round = 0; round < 100; round++)
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Application.Data.TechSupportDbContext>();
            var now = Clock.GetUtcNow();
            if (!db.Outbox.Any(m => m.NextAttemptAt <= now))
            {
                return;
            }

            await dispatcher.DispatchOnceAsync(CancellationToken.None);
        }

        throw new InvalidOperationException("The outbox did not drain.");
    }

    // The first administrator is made as the create-admin command makes one; everyone else through the API.
    public async Task<HttpClient> AdminAsync()
    {
        const string email = "first-admin@test.local";
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Application.Data.TechSupportDbContext>();
            if (!db.Users.Any(u => u.Email == email))
            {
                await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, Password, "First Admin", Role.Admin);
            }
        }

        return await SignInAsync(email);
    }

    // An API client signed in as the user, with a second factor when their role needs one: set up on the sign-in
    // pages the first time (the API refuses to enrol), a code or recovery code from then on (SecondFactors).
    public async Task<HttpClient> SignInAsync(string email, string password = Password)
    {
        var client = CreateClient();
        var response = await LoginAsync(client, email, password);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized
            && await SecondFactorAskedAsync(response) is { } asked)
        {
            if (asked == "enrol")
            {
                await PageSession.SignInAsync(this, email, password);
            }

            response = await LoginAsync(client, email, password);
        }

        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    private async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password)
    {
        var factor = SecondFactors.IsEnrolled(email) ? await SecondFactors.NextAsync(email, password) : null;
        return await client.PostAsJsonAsync("/api/v1/auth/login",
            new { email, password, twoFactorCode = factor?.Code, recoveryCode = factor?.RecoveryCode });
    }

    private static async Task<string?> SecondFactorAskedAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.TryGetProperty("secondFactor", out var next) ? next.GetString() : null;
    }

    // A user of the given role, created by an administrator, cleared for the given productions.
    public async Task<(HttpClient Client, Guid Id)> UserAsync(Role role, params Guid[] clearances)
    {
        var (email, id) = await AccountAsync(role, clearances);
        return (await SignInAsync(email), id);
    }

    // The same user, not yet signed in: for tests that sign in to the pages with a cookie.
    public async Task<(string Email, Guid Id)> AccountAsync(Role role, params Guid[] clearances)
    {
        var admin = await AdminAsync();
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        var created = await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { email, password = Password, displayName = $"{role} {email[..12]}", role = role.ToString() }, Json);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        if (clearances.Length > 0)
        {
            (await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/clearances", new { productionIds = clearances }))
                .EnsureSuccessStatusCode();
        }

        return (email, id);
    }
}
