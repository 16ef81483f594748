using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechSupport.Application.Identity;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// Issue 9's findings 1–3 and 5: administration is not a clearance, bad bodies are 400s, an
// enumeration is one name, and sign-in does not tell which accounts exist.
public sealed class AdministrationSecurityTests(AdministrationSecurityTests.CountingApp app)
    : IClassFixture<AdministrationSecurityTests.CountingApp>
{
    [Fact]
    public async Task An_administrator_cannot_clear_themselves_for_a_restricted_production_or_read_its_faults()
    {
        var admin = await app.AdminAsync();
        var me = (await (await admin.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("id").GetGuid();
        var production = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(admin);
        var (engineer, _) = await app.UserAsync(Role.Engineer, production);
        var suiteId = await new SuiteBuilder().SendAsync(admin);
        var fault = await new FaultBuilder(suiteId).For(production).SendAsync(engineer).IdOfAsync();

        var self = await admin.PutAsJsonAsync($"/api/v1/admin/users/{me}/clearances", new { productionIds = new[] { production } });

        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Contains("another administrator", (await self.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/faults/{fault}")).StatusCode);
        Assert.DoesNotContain(production, (await (await admin.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("clearances")
            .EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_second_administrator_may_clear_the_first_who_then_reads_the_restricted_fault()
    {
        var first = await app.AdminAsync();
        var firstId = (await (await first.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("id").GetGuid();
        var (second, _) = await app.UserAsync(Role.Admin);
        var production = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(first);
        var (engineer, _) = await app.UserAsync(Role.Engineer, production);
        var fault = await new FaultBuilder(await new SuiteBuilder().SendAsync(first)).For(production).SendAsync(engineer).IdOfAsync();

        var cleared = await second.PutAsJsonAsync($"/api/v1/admin/users/{firstId}/clearances", new { productionIds = new[] { production } });

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/api/v1/faults/{fault}")).StatusCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"productionIds\": null}")]
    public async Task Clearances_without_a_list_are_a_400_naming_the_field(string body)
    {
        var admin = await app.AdminAsync();
        var (_, userId) = await app.UserAsync(Role.Engineer);

        var response = await admin.PutAsync($"/api/v1/admin/users/{userId}/clearances",
            new StringContent(body, Encoding.UTF8, "application/json"));

        await Problems.AssertFieldErrorAsync(response, "productionIds");
    }

    [Fact]
    public async Task Clearances_for_an_unknown_user_are_a_404_and_a_body_of_invalid_utf8_a_400()
    {
        var admin = await app.AdminAsync();
        var (_, userId) = await app.UserAsync(Role.Engineer);

        var unknown = await admin.PutAsJsonAsync($"/api/v1/admin/users/{Guid.NewGuid()}/clearances", new { productionIds = Array.Empty<Guid>() });
        var bytes = new ByteArrayContent([.. "{\"productionIds\": [\""u8, 0xFF, 0xFE, .. "\"]}"u8]);
        bytes.Headers.ContentType = new("application/json");
        var garbled = await admin.PutAsync($"/api/v1/admin/users/{userId}/clearances", bytes);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
    }

    [Theory]
    [InlineData("Engineer,Manager")]
    [InlineData("Engineer, Admin")]
    [InlineData("1")]
    public async Task A_role_is_one_name_never_names_combined_or_a_number(string role)
    {
        var admin = await app.AdminAsync();
        var before = (await (await admin.GetAsync("/api/v1/admin/users")).JsonAsync()).GetProperty("total").GetInt32();

        var response = await admin.PostAsync("/api/v1/admin/users", new StringContent(
            $"{{\"email\":\"combined-{Guid.NewGuid():N}@test.local\",\"password\":\"{TechSupportApp.Password}\",\"displayName\":\"Combo\",\"role\":\"{role}\"}}",
            Encoding.UTF8, "application/json"));

        await Problems.AssertFieldErrorAsync(response, "role");
        Assert.Equal(before, (await (await admin.GetAsync("/api/v1/admin/users")).JsonAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Classification_and_severity_take_one_name_and_nothing_is_stored_otherwise()
    {
        var admin = await app.AdminAsync();
        var suiteId = await new SuiteBuilder().SendAsync(admin);
        var faultsBefore = (await (await admin.GetAsync("/api/v1/faults")).JsonAsync()).GetProperty("total").GetInt32();

        var production = await admin.PostAsync("/api/v1/productions", new StringContent(
            $"{{\"name\":\"Combined {Guid.NewGuid():N}\",\"classification\":\"Standard,Restricted\"}}", Encoding.UTF8, "application/json"));
        var fault = await admin.PostAsync("/api/v1/faults", new StringContent(
            $"{{\"suiteId\":\"{suiteId}\",\"title\":\"t\",\"symptoms\":\"s\",\"workflowStage\":\"Grade\",\"category\":\"Storage\",\"severity\":\"P2,P3\"}}",
            Encoding.UTF8, "application/json"));
        var lower = await admin.PostAsync("/api/v1/faults", new StringContent(
            $"{{\"suiteId\":\"{suiteId}\",\"title\":\"t\",\"symptoms\":\"s\",\"workflowStage\":\"grade\",\"category\":\"storage\",\"severity\":\"p2\"}}",
            Encoding.UTF8, "application/json"));

        await Problems.AssertFieldErrorAsync(production, "classification");
        await Problems.AssertFieldErrorAsync(fault, "severity");
        Assert.Equal(HttpStatusCode.Created, lower.StatusCode);
        Assert.Equal(faultsBefore + 1, (await (await admin.GetAsync("/api/v1/faults")).JsonAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Signing_in_with_an_unknown_email_verifies_a_password_hash_just_as_a_known_one_does()
    {
        await app.AdminAsync();
        var known = app.Verifications;
        var wrongPassword = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email = "first-admin@test.local", password = "not-the-password-at-all" });
        var afterKnown = app.Verifications;
        var unknown = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email = $"nobody-{Guid.NewGuid():N}@test.local", password = "not-the-password-at-all" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal((await wrongPassword.JsonAsync()).GetProperty("title").GetString(), (await unknown.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(1, afterKnown - known);
        Assert.Equal(1, app.Verifications - afterKnown);
    }

    // Counts every password verification the app makes, through its own hasher.
    public sealed class CountingApp : TechSupportApp
    {
        private int _verifications;

        public CountingApp() => Replacing(services => services.AddScoped<IPasswordHasher<AppUser>>(provider =>
            new Counting(new PasswordHasher<AppUser>(provider.GetRequiredService<IOptions<PasswordHasherOptions>>()), this)));

        public int Verifications => Volatile.Read(ref _verifications);

        private sealed class Counting(IPasswordHasher<AppUser> inner, CountingApp app) : IPasswordHasher<AppUser>
        {
            public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

            public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
            {
                Interlocked.Increment(ref app._verifications);
                return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
            }
        }
    }
}

// Issue 9, finding 8: headers on every answer.
public sealed class SecurityHeaderTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task Pages_forbid_inline_script_and_framing_and_api_answers_are_never_cached()
    {
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var page = await app.CreateClient().GetAsync("/account/login");
        var api = await engineer.GetAsync("/api/v1/faults");
        var refused = await app.CreateClient().GetAsync("/api/v1/faults");

        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(api.Headers.CacheControl?.NoStore);
        Assert.True(refused.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Every_kind_of_answer_carries_the_security_headers_errors_and_static_files_included()
    {
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["page"] = await anonymous.GetAsync("/account/login"),
            ["page not found"] = await anonymous.GetAsync("/no-such-page"),
            ["redirect to sign-in"] = await anonymous.GetAsync("/faults"),
            ["static file"] = await anonymous.GetAsync("/css/site.css"),
            ["api"] = await engineer.GetAsync("/api/v1/faults"),
            ["api bad input"] = await engineer.PostAsync("/api/v1/faults", new StringContent("{", Encoding.UTF8, "application/json")),
            ["api not found"] = await engineer.GetAsync($"/api/v1/faults/{Guid.NewGuid()}"),
            ["api unauthenticated"] = await anonymous.GetAsync("/api/v1/faults"),
            ["health"] = await anonymous.GetAsync("/health/live"),
        };

        foreach (var (kind, answer) in answers)
        {
            Assert.True(answer.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{kind} has no CSP");
            Assert.Contains("frame-ancestors 'none'", csp.Single(), StringComparison.Ordinal);
            Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", answer.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", answer.Headers.GetValues("X-Frame-Options").Single());
            Assert.False(answer.Headers.Contains("Server"), $"{kind} names the server");
        }

        Assert.All(answers.Where(a => a.Key.StartsWith("api", StringComparison.Ordinal)),
            a => Assert.True(a.Value.Headers.CacheControl?.NoStore, $"{a.Key} may be cached"));
        Assert.Equal(HttpStatusCode.BadRequest, answers["api bad input"].StatusCode);
    }
}

// Issue 9, finding 8: behind the documented TLS proxy the sign-in cookie is Secure.
public sealed class ForwardedHeadersTests
{
    [Theory]
    [InlineData("https", true)]
    [InlineData("http", false)]
    public async Task Behind_a_trusted_tls_proxy_the_sign_in_cookie_is_secure(string proto, bool secure)
    {
        await using var app = new TechSupportApp();
        app.With("TechSupport:ForwardedHeaders:KnownProxies", "0.0.0.0/0, ::/0");
        await app.InitializeAsync();
        // A role that signs in with the password alone, so the post answers with the sign-in cookie itself.
        var (email, _) = await app.AccountAsync(Role.Operator);
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await (await browser.GetAsync("/account/login")).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var cookies = string.Join("; ", (await browser.GetAsync("/account/login")).Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : []);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Email"] = email,
                ["Password"] = TechSupportApp.Password,
            }),
        };
        request.Headers.Add("X-Forwarded-Proto", proto);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("Cookie", cookies);
        var signedIn = await browser.SendAsync(request);

        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("techsupport=", StringComparison.Ordinal));
        Assert.Equal(secure, session.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
    }
}

// Issue 9, finding 11 (part): a Restricted production is administered, never opened, by an admin.
public sealed class AdministeredProductionTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task An_admin_lists_every_production_restricted_included_and_can_clear_others_for_it_on_the_users_page()
    {
        var admin = await app.AdminAsync();
        var production = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(admin);
        var (cleared, _) = await app.UserAsync(Role.Engineer, production);
        var fault = await new FaultBuilder(await new SuiteBuilder().SendAsync(admin)).For(production).SendAsync(cleared).IdOfAsync();
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var pages = await app.PagesAsync(Role.Admin);

        var listing = await (await admin.GetAsync("/api/v1/admin/productions")).JsonAsync();
        var usersPage = await pages.GetAsync("/admin/users");

        var entry = Assert.Single(listing.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == production);
        Assert.Equal("Restricted", entry.GetProperty("classification").GetString());
        Assert.NotNull(usersPage.Find($"input[name=ProductionIds][value='{production}']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/admin/productions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/faults/{fault}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.RequestAsync($"/faults/{fault}")).Status);
    }
}
