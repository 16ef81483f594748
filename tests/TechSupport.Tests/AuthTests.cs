using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Identity;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

public sealed class AuthTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task Signing_in_answers_a_short_lived_bearer_token_and_a_refresh_token()
    {
        var (_, id) = await app.UserAsync(Role.Engineer);
        var email = await EmailOfAsync(id);
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = TechSupportApp.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.JsonAsync();
        Assert.False(string.IsNullOrEmpty(token.GetProperty("accessToken").GetString()));
        Assert.False(string.IsNullOrEmpty(token.GetProperty("refreshToken").GetString()));
        Assert.InRange(token.GetProperty("expiresIn").GetInt32(), 60, 3600);
    }

    [Fact]
    public async Task The_refresh_token_buys_a_new_access_token_that_works()
    {
        var (_, id) = await app.UserAsync(Role.Operator);
        var client = app.CreateClient();
        var first = await (await client.PostAsJsonAsync("/api/v1/auth/login",
            new { email = await EmailOfAsync(id), password = TechSupportApp.Password })).JsonAsync();

        var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh",
            new { refreshToken = first.GetProperty("refreshToken").GetString() });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var token = (await refreshed.JsonAsync()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(id, (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid());

        var bogus = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "not-a-token" });
        Assert.Equal(HttpStatusCode.Unauthorized, bogus.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_401_and_five_failures_lock_the_account_even_for_the_right_password()
    {
        var (_, id) = await app.UserAsync(Role.Operator);
        var email = await EmailOfAsync(id);
        var client = app.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "not-the-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("Wrong email or password.", (await wrong.JsonAsync()).GetProperty("title").GetString());
        }

        var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = TechSupportApp.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("Wrong email or password.", (await locked.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Five_wrong_passwords_on_the_sign_in_page_lock_the_account_there_and_on_the_api()
    {
        var (email, _) = await app.AccountAsync(Role.Operator);
        var pages = new PageSession(PageSession.CreateClient(app));
        for (var i = 0; i < 5; i++)
        {
            var wrong = await pages.PasswordAsync(email, "not-the-password");
            Assert.Contains("Wrong email or password.", wrong.Text(), StringComparison.Ordinal);
        }

        var locked = await pages.PasswordAsync(email, TechSupportApp.Password);
        var api = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = TechSupportApp.Password });

        Assert.StartsWith("/account/login", locked.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("Wrong email or password.", locked.Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task A_login_without_email_or_password_names_both_fields()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { });

        await Problems.AssertFieldErrorAsync(response, "email");
        await Problems.AssertFieldErrorAsync(response, "password");
    }

    [Theory]
    [InlineData("/api/v1/me")]
    [InlineData("/api/v1/faults")]
    [InlineData("/api/v1/suites")]
    public async Task The_api_answers_401_without_a_token_and_never_redirects_to_the_sign_in_page(string route)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(route);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Pages_without_a_cookie_redirect_to_the_sign_in_page()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery);
    }

    [Theory]
    [InlineData("/api/v1/auth/register")]
    [InlineData("/register")]
    public async Task There_is_no_self_registration(string route)
    {
        var response = await app.CreateClient().PostAsJsonAsync(route,
            new { email = "intruder@test.local", password = "Intruder-Password-1" });

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed,
            $"{route} answered {response.StatusCode}");
    }

    [Fact]
    public async Task Me_names_the_callers_role_and_clearances()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var productionId = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(manager);
        var (engineer, id) = await app.UserAsync(Role.Engineer, productionId);

        var me = await engineer.GetFromJsonAsync<JsonElement>("/api/v1/me");

        Assert.Equal(id, me.GetProperty("id").GetGuid());
        Assert.Equal("Engineer", me.GetProperty("role").GetString());
        Assert.EndsWith("@test.local", me.GetProperty("email").GetString());
        Assert.Equal([productionId], me.GetProperty("clearances").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_under_the_data_folder()
    {
        await app.UserAsync(Role.Operator);

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(app.DataPath, "keys"), "*.xml"));
    }

    private async Task<string> EmailOfAsync(Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.FindByIdAsync(id.ToString()))!.Email!;
    }
}

// The one test that runs with the production hashing cost (STYLE: Tests).
public sealed class PasswordHashingTests
{
    [Fact]
    public async Task Passwords_are_hashed_with_pbkdf2_hmac_sha512_and_at_least_210000_iterations()
    {
        await using var app = new TechSupportApp().With("Identity:PasswordHashIterations", null);
        await ((IAsyncLifetime)app).InitializeAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<AppUser>>();

        var hash = Convert.FromBase64String(hasher.HashPassword(new AppUser(), "Grade-Suite-Password-1"));

        // Identity V3 format: marker 0x01, PRF (2 = HMAC-SHA512), iteration count, big-endian.
        Assert.Equal(0x01, hash[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1, 4)));
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4)) >= 210_000);
    }
}
