using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// The app is also the command line; these run the built app as a real process.
public sealed class CommandLineTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "techsupport-cli", Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }

        return Task.CompletedTask;
    }

    private Task<(int Exit, string Out, string Error)> RunAsync(string stdin, params string[] args) =>
        AppProcess.RunAsync(_data, stdin, args);

    [Fact]
    public async Task Create_admin_makes_an_administrator_who_can_sign_in_and_must_set_up_an_authenticator_first()
    {
        var (exit, output, _) = await RunAsync("", "create-admin", "--email", "chief@facility.test", "--password",
            "Machine-Room-Key-1", "--name", "Chief Engineer");

        Assert.Equal(0, exit);
        Assert.Contains("Created administrator chief@facility.test", output);
        await using var app = new TechSupportApp();
        var client = app.WithWebHostBuilder(b => b.UseSetting("TechSupport:DataPath", _data)).CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "chief@facility.test", password = "Machine-Room-Key-1" });
        // The right password (a wrong one answers "Wrong email or password."), and no exemption from the second factor.
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal("enrol", (await login.JsonAsync()).GetProperty("secondFactor").GetString());
    }

    [Fact]
    public async Task Create_admin_reads_the_password_from_standard_input()
    {
        var (exit, output, error) = await RunAsync("Piped-In-Password-9\n", "create-admin", "--email", "night@facility.test");

        Assert.True(exit == 0, error);
        Assert.Contains("Created administrator", output);
    }

    [Theory]
    [InlineData("", "Give a password")]
    [InlineData("short\n", "Passwords must be at least 12 characters")]
    public async Task Create_admin_with_no_or_a_weak_password_exits_non_zero_with_one_plain_sentence(string stdin, string expected)
    {
        var (exit, output, error) = await RunAsync(stdin, "create-admin", "--email", "weak@facility.test");

        Assert.NotEqual(0, exit);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("Exception", error);
        Assert.DoesNotContain("Created", output);
    }

    [Fact]
    public async Task Migrate_brings_the_embedded_database_up_to_date()
    {
        var (exit, output, error) = await RunAsync("", "migrate");

        Assert.True(exit == 0, error);
        Assert.Contains("database is up to date", output);
        Assert.True(File.Exists(Path.Combine(_data, "techsupport.db")));
    }

    [Fact]
    public async Task Outside_development_nothing_demo_is_seeded_unless_asked_for()
    {
        await using var app = new TechSupportApp().With("TechSupport:Demo", null);
        var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var login = await production.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email = "admin@demo.local", password = "Demo-Password-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal("Wrong email or password.", (await login.JsonAsync()).GetProperty("title").GetString());
    }
}
