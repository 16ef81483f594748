using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Data;
using TechSupport.Application.Identity;
using TechSupport.Application.Seeding;
using TechSupport.Domain;
using TechSupport.Tests.Support;
using TechSupport.Web.Auth;

namespace TechSupport.Tests;

// Issue 9, finding 11: admins and managers sign in with a second factor (Identity:RequireMfaForRoles),
// set up on their first sign-in; others may set one up. These tests go through each step by hand; the
// test support (SecondFactors) takes the same steps for every other suite.
public sealed class MfaTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task An_admin_sets_up_an_authenticator_on_the_first_sign_in_to_the_pages_and_reaches_nothing_before()
    {
        var (email, _) = await app.AccountAsync(Role.Admin);
        var pages = new PageSession(PageSession.CreateClient(app));

        var setUp = await pages.PasswordAsync(email, TechSupportApp.Password);

        Assert.Equal(PageSession.EnrolPath, setUp.Url.AbsolutePath);
        var key = setUp.Text("[data-key]");
        Assert.Matches("^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$", key);
        var uri = setUp.Get("a[data-otpauth]").GetAttribute("href")!;
        Assert.StartsWith("otpauth://totp/TechSupport%3A", uri);
        Assert.Contains($"secret={key.Replace(" ", "")}", uri);
        Assert.Contains("issuer=TechSupport", uri);
        var qr = setUp.Get("img.qr").GetAttribute("src")!;
        Assert.StartsWith("data:image/png;base64,", qr);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Convert.FromBase64String(qr["data:image/png;base64,".Length..])[..4]);
        var before = await pages.RequestAsync("/faults");
        Assert.Equal("/account/login", RedirectPath(before));

        var form = setUp.Form();
        form["Code"] = new AuthenticatorApp(key).CodeAt(app.Clock.GetUtcNow());
        var done = await pages.SubmitAsync(form);

        var codes = done.RecoveryCodes();
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Contains("shown only now", done.Text());
        await pages.OpenAsync("/faults");
    }

    [Fact]
    public async Task A_wrong_code_leaves_the_set_up_page_with_the_same_key_and_no_sign_in()
    {
        var (email, _) = await app.AccountAsync(Role.Manager);
        var pages = new PageSession(PageSession.CreateClient(app));
        var setUp = await pages.PasswordAsync(email, TechSupportApp.Password);
        var form = setUp.Form();
        form["Code"] = Wrong(new AuthenticatorApp(setUp.Text("[data-key]")).CodeAt(app.Clock.GetUtcNow()));

        var refused = await pages.SubmitAsync(form);

        Assert.Equal(PageSession.EnrolPath, refused.Url.AbsolutePath);
        Assert.Contains("That code is not valid", refused.Text(".errors"));
        Assert.Equal(setUp.Text("[data-key]"), refused.Text("[data-key]"));
        Assert.Equal(HttpStatusCode.Redirect, (await pages.RequestAsync("/faults")).Status);
    }

    [Fact]
    public async Task On_the_api_an_admin_without_an_authenticator_is_told_to_set_one_up_on_the_sign_in_page()
    {
        var (email, _) = await app.AccountAsync(Role.Admin);

        var refused = await LoginAsync(email, TechSupportApp.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal("enrol", problem.GetProperty("secondFactor").GetString());
        Assert.Contains("/account/login", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_wrong_password_answers_as_it_always_has_whether_or_not_the_account_needs_a_second_factor()
    {
        var (admin, _) = await app.AccountAsync(Role.Admin);

        var wrongForAdmin = await LoginAsync(admin, "not-the-password", twoFactorCode: "123456");
        var unknown = await LoginAsync("nobody-at-all@test.local", "not-the-password", twoFactorCode: "123456");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongForAdmin.StatusCode);
        var body = await wrongForAdmin.JsonAsync();
        Assert.Equal(WithoutTrace(await unknown.JsonAsync()), WithoutTrace(body));
        Assert.Equal("Wrong email or password.", body.GetProperty("title").GetString());
        Assert.False(body.TryGetProperty("secondFactor", out _));
    }

    [Fact]
    public async Task After_setting_up_an_admin_signs_in_to_the_api_with_the_password_and_a_code_from_the_app()
    {
        var (email, authenticator, _) = await EnrolledAsync(Role.Admin);
        app.Clock.Advance(TimeSpan.FromSeconds(30));

        var withoutCode = await LoginAsync(email, TechSupportApp.Password);
        var withCode = await LoginAsync(email, TechSupportApp.Password, twoFactorCode: authenticator.CodeAt(app.Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        var problem = await withoutCode.JsonAsync();
        Assert.Equal("A second factor is needed.", problem.GetProperty("title").GetString());
        Assert.Equal("required", problem.GetProperty("secondFactor").GetString());
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(withCode));
    }

    [Fact]
    public async Task An_enrolled_admin_is_asked_for_a_code_on_the_pages_after_the_password()
    {
        var (email, authenticator, _) = await EnrolledAsync(Role.Admin);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var pages = new PageSession(PageSession.CreateClient(app));

        var asked = await pages.PasswordAsync(email, TechSupportApp.Password);
        Assert.Equal(PageSession.CodePath, asked.Url.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, (await pages.RequestAsync("/faults")).Status);
        var signedIn = await pages.SecondFactorAsync(asked, new SecondFactor(authenticator.CodeAt(app.Clock.GetUtcNow()), null));

        Assert.DoesNotContain("/account/", signedIn.Url.AbsolutePath);
        await pages.OpenAsync("/faults");
    }

    [Fact]
    public async Task A_sign_in_with_a_code_outlives_the_half_hourly_check_of_the_account_that_re_issues_the_cookie()
    {
        var pages = await app.PagesAsync(Role.Manager);

        foreach (var _ in Enumerable.Range(0, 3))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(31));
            await pages.OpenAsync("/faults");
        }
    }

    [Fact]
    public async Task A_code_works_once_and_an_earlier_one_is_refused_once_a_later_one_was_used()
    {
        var (email, authenticator, _) = await EnrolledAsync(Role.Manager);
        var enrolledWith = authenticator.CodeAt(app.Clock.GetUtcNow());

        var replayed = await LoginAsync(email, TechSupportApp.Password, twoFactorCode: enrolledWith);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var fresh = authenticator.CodeAt(app.Clock.GetUtcNow());
        var first = await LoginAsync(email, TechSupportApp.Password, twoFactorCode: fresh);
        var again = await LoginAsync(email, TechSupportApp.Password, twoFactorCode: fresh);
        var earlier = await LoginAsync(email, TechSupportApp.Password, twoFactorCode: enrolledWith);

        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal("The code is not valid.", (await replayed.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, earlier.StatusCode);
    }

    [Fact]
    public async Task Of_sign_ins_racing_with_the_same_code_exactly_one_gets_in()
    {
        var (email, authenticator, _) = await EnrolledAsync(Role.Manager);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var code = authenticator.CodeAt(app.Clock.GetUtcNow());

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => LoginAsync(email, TechSupportApp.Password, twoFactorCode: code)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_recovery_code_works_once_however_it_is_typed()
    {
        var (email, _, codes) = await EnrolledAsync(Role.Admin);

        var first = await LoginAsync(email, TechSupportApp.Password, recoveryCode: codes[0]);
        var again = await LoginAsync(email, TechSupportApp.Password, recoveryCode: codes[0]);
        var typedLoosely = await LoginAsync(email, TechSupportApp.Password, recoveryCode: $" {codes[1].Replace("-", "").ToLowerInvariant()} ");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, typedLoosely.StatusCode);
    }

    [Fact]
    public async Task Wrong_codes_count_towards_lockout_like_wrong_passwords_on_the_pages_and_the_api()
    {
        var (email, authenticator, codes) = await EnrolledAsync(Role.Manager);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var pages = new PageSession(PageSession.CreateClient(app));
        var asked = await pages.PasswordAsync(email, TechSupportApp.Password);
        var right = authenticator.CodeAt(app.Clock.GetUtcNow());

        await pages.SecondFactorAsync(asked, new SecondFactor(Wrong(right), null));
        await pages.SecondFactorAsync(asked, new SecondFactor(Wrong(right), null));
        await LoginAsync(email, TechSupportApp.Password, twoFactorCode: Wrong(right));
        await LoginAsync(email, TechSupportApp.Password, twoFactorCode: Wrong(right));
        await LoginAsync(email, TechSupportApp.Password, recoveryCode: "ABCDE-FGHIJ");
        var locked = await LoginAsync(email, TechSupportApp.Password, twoFactorCode: right);
        var lockedRecovery = await LoginAsync(email, TechSupportApp.Password, recoveryCode: codes[0]);

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("Wrong email or password.", (await locked.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, lockedRecovery.StatusCode);
    }

    [Fact]
    public async Task An_operator_may_set_up_an_authenticator_on_the_account_page_and_is_asked_for_codes_from_then_on()
    {
        var (email, _) = await app.AccountAsync(Role.Operator);
        var pages = await PageSession.SignInAsync(app, email);
        var security = await pages.OpenAsync("/account/security");
        var key = security.Text("[data-key]");

        var done = await pages.PostAsync("/account/security?handler=Enrol",
            new() { ["Code"] = new AuthenticatorApp(key).CodeAt(app.Clock.GetUtcNow()) });

        Assert.Equal(10, done.RecoveryCodes().Count);
        Assert.Contains("Authenticator app: on", done.Text());
        await pages.OpenAsync("/faults");
        var asked = await new PageSession(PageSession.CreateClient(app)).PasswordAsync(email, TechSupportApp.Password);
        Assert.Equal(PageSession.CodePath, asked.Url.AbsolutePath);
        var api = await LoginAsync(email, TechSupportApp.Password);
        Assert.Equal("required", (await api.JsonAsync()).GetProperty("secondFactor").GetString());
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK,
            (await LoginAsync(email, TechSupportApp.Password, twoFactorCode: new AuthenticatorApp(key).CodeAt(app.Clock.GetUtcNow()))).StatusCode);
    }

    [Fact]
    public async Task An_operator_turns_the_authenticator_off_with_a_current_code_and_signs_in_with_the_password_alone_again()
    {
        var (email, _) = await app.AccountAsync(Role.Engineer);
        var pages = await PageSession.SignInAsync(app, email);
        var key = (await pages.OpenAsync("/account/security")).Text("[data-key]");
        var authenticator = new AuthenticatorApp(key);
        await pages.PostAsync("/account/security?handler=Enrol", new() { ["Code"] = authenticator.CodeAt(app.Clock.GetUtcNow()) });
        app.Clock.Advance(TimeSpan.FromSeconds(30));

        var wrong = await pages.PostAsync("/account/security?handler=TurnOff", new() { ["Code"] = "000000" });
        var off = await pages.PostAsync("/account/security?handler=TurnOff", new() { ["Code"] = authenticator.CodeAt(app.Clock.GetUtcNow()) });

        Assert.Contains("That code is not valid", wrong.Text(".errors"));
        Assert.Equal("The authenticator is off: you sign in with your password alone.", (await pages.FollowAsync(off)).Notice);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, TechSupportApp.Password)).StatusCode);
        Assert.NotEqual(key, (await pages.OpenAsync("/account/security")).Text("[data-key]"));
    }

    [Fact]
    public async Task An_admin_cannot_turn_the_second_factor_off()
    {
        var email = (await app.AccountAsync(Role.Admin)).Email;
        var pages = await PageSession.SignInAsync(app, email);
        var security = await pages.OpenAsync("/account/security");
        app.Clock.Advance(TimeSpan.FromSeconds(30));

        var refused = await pages.PostAsync("/account/security?handler=TurnOff", new() { ["Code"] = "000000" });

        Assert.Contains("stays on", security.Text());
        Assert.Null(security.Find("form[action*='TurnOff']"));
        Assert.Contains("Your role signs in with a second factor, so it stays on.", refused.Text(".errors"));
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones()
    {
        var (email, _) = await app.AccountAsync(Role.Manager);
        var pages = await PageSession.SignInAsync(app, email);
        var old = (await app.SecondFactors.NextAsync(email, TechSupportApp.Password)).RecoveryCode!; // the support kept them

        var fresh = await pages.NewRecoveryCodesAsync();

        Assert.Equal(10, fresh.Count);
        Assert.DoesNotContain(old, fresh);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email, TechSupportApp.Password, recoveryCode: old)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, TechSupportApp.Password, recoveryCode: fresh[3])).StatusCode);
        Assert.Contains("9 unused recovery codes", (await pages.OpenAsync("/account/security")).Text());
    }

    [Fact]
    public async Task A_user_given_a_role_that_needs_a_second_factor_while_signed_in_without_one_is_stopped_at_the_next_request()
    {
        var (email, id) = await app.AccountAsync(Role.Operator);
        var api = await app.SignInAsync(email);
        var tokens = await (await LoginAsync(email, TechSupportApp.Password)).JsonAsync();
        var pages = await PageSession.SignInAsync(app, email);
        await pages.OpenAsync("/faults");

        // As an administrator changing the role would; the route for it is not part of this suite.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(id.ToString()))!; // made above
            await users.RemoveFromRoleAsync(user, nameof(Role.Operator));
            await users.AddToRoleAsync(user, nameof(Role.Manager));
        }

        var me = await api.GetAsync("/api/v1/me");
        var page = await pages.RequestAsync("/faults");
        var refresh = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh",
            new { refreshToken = tokens.GetProperty("refreshToken").GetString() });

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal("A second factor is needed.", (await me.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal("/account/login", RedirectPath(page));
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal(PageSession.EnrolPath, (await new PageSession(PageSession.CreateClient(app)).PasswordAsync(email, TechSupportApp.Password)).Url.AbsolutePath);
    }

    [Fact]
    public async Task Neither_the_key_nor_the_recovery_codes_reach_the_audit_trail()
    {
        var (_, authenticator, codes) = await EnrolledAsync(Role.Admin);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();

        var trail = string.Join('\n', await db.AuditEvents.AsNoTracking().Select(e => e.Before + " " + e.After).ToListAsync());

        Assert.Contains("TwoFactorEnabled", trail);
        Assert.DoesNotContain(authenticator.Key, trail);
        Assert.All(codes, code => Assert.DoesNotContain(code, trail));
    }

    // RFC 6238, appendix B (SHA-1 secret "12345678901234567890"): eight digits, of which apps show the last six.
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void The_codes_are_rfc_6238s(long unixTime, string expected)
    {
        var secret = Encoding.ASCII.GetBytes("12345678901234567890");
        var step = unixTime / 30;

        Assert.Equal(expected, AuthenticatorApp.Code(secret, step, 8));
        Assert.Equal(expected[2..], Totp.Code(secret, step));
        Assert.Equal(Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixTime)), AuthenticatorApp.Step(DateTimeOffset.FromUnixTimeSeconds(unixTime)));
    }

    // A user of the role set up on the sign-in pages by hand: the key, the app's code of this moment, the recovery codes.
    private async Task<(string Email, AuthenticatorApp App, IReadOnlyList<string> RecoveryCodes)> EnrolledAsync(Role role)
    {
        var (email, _) = await app.AccountAsync(role);
        var pages = new PageSession(PageSession.CreateClient(app));
        var setUp = await pages.PasswordAsync(email, TechSupportApp.Password);
        var authenticator = new AuthenticatorApp(setUp.Text("[data-key]"));
        var form = setUp.Form();
        form["Code"] = authenticator.CodeAt(app.Clock.GetUtcNow());
        var codes = (await pages.SubmitAsync(form)).RecoveryCodes();
        Assert.Equal(10, codes.Count);
        return (email, authenticator, codes);
    }

    private async Task<HttpResponseMessage> LoginAsync(string email, string password, string? twoFactorCode = null, string? recoveryCode = null) =>
        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password, twoFactorCode, recoveryCode });

    private async Task<HttpStatusCode> MeAsync(HttpResponseMessage signedIn)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", (await signedIn.JsonAsync()).GetProperty("accessToken").GetString());
        return (await client.GetAsync("/api/v1/me")).StatusCode;
    }

    // Where a redirect sends the browser, without the query.
    private static string RedirectPath(HtmlPage page)
    {
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        return new Uri(page.Url, page.Location!).AbsolutePath; // a redirect has a Location
    }

    // A problem body as a client compares it: every member but the per-request trace id.
    private static string WithoutTrace(JsonElement problem) =>
        string.Join(", ", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));

    // Another six digits than the right ones.
    private static string Wrong(string code) => ((int.Parse(code) + 1) % 1_000_000).ToString("D6");
}

public sealed class MfaDemoTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task The_demo_users_sign_in_with_the_password_alone_and_the_sign_in_page_says_why()
    {
        var login = await new PageSession(PageSession.CreateClient(app)).OpenAsync("/account/login");

        Assert.Contains("The demo accounts sign in with the password alone; real accounts of admins and managers need an authenticator code.",
            login.Text());
        foreach (var email in new[] { "admin@demo.local", "manager@demo.local" })
        {
            var api = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = DemoSeeder.DemoPassword });
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
            var pages = new PageSession(PageSession.CreateClient(app));
            Assert.DoesNotContain("/account/", (await pages.PasswordAsync(email, DemoSeeder.DemoPassword)).Url.AbsolutePath);
        }
    }

    [Fact]
    public async Task An_admin_made_in_demo_mode_is_no_demo_user_and_sets_up_an_authenticator()
    {
        var demoAdmin = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email = "admin@demo.local", password = DemoSeeder.DemoPassword });
        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", (await demoAdmin.JsonAsync()).GetProperty("accessToken").GetString());
        var email = $"real-admin-{Guid.NewGuid():N}@test.local";
        (await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { email, password = TechSupportApp.Password, displayName = "Real Admin", role = "Admin" })).EnsureSuccessStatusCode();

        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = TechSupportApp.Password });

        Assert.Equal("enrol", (await login.JsonAsync()).GetProperty("secondFactor").GetString());
    }
}

public sealed class MfaConfigurationTests
{
    [Fact]
    public async Task With_require_mfa_for_roles_empty_nobody_is_asked_for_a_second_factor_and_the_demo_note_says_so()
    {
        await using var app = new TechSupportApp().With(MfaRequirement.Key, "").With("TechSupport:Demo", "true");
        await app.InitializeAsync();
        var (manager, _) = await app.AccountAsync(Role.Manager);

        foreach (var email in new[] { "first-admin@test.local", manager })
        {
            var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = TechSupportApp.Password });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var page = await new PageSession(PageSession.CreateClient(app)).OpenAsync("/account/login");
        Assert.Contains("The demo accounts sign in with the password alone.", page.Text());
        Assert.DoesNotContain("authenticator", page.Text());
    }

    [Fact]
    public async Task Another_list_of_roles_is_taken_as_given()
    {
        await using var app = new TechSupportApp().With(MfaRequirement.Key, " engineer ,Admin");
        await app.InitializeAsync();
        var (engineer, _) = await app.AccountAsync(Role.Engineer);
        var (manager, _) = await app.AccountAsync(Role.Manager);

        var asEngineer = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = engineer, password = TechSupportApp.Password });
        var asManager = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = manager, password = TechSupportApp.Password });

        Assert.Equal("enrol", (await asEngineer.JsonAsync()).GetProperty("secondFactor").GetString());
        Assert.Equal(HttpStatusCode.OK, asManager.StatusCode);
    }

    [Theory]
    [InlineData("Admin,Boss", "'Boss'")]
    [InlineData("3", "'3'")]
    public async Task A_name_that_is_no_role_stops_the_app_at_start_with_one_sentence_naming_it(string value, string named)
    {
        await using var app = new TechSupportApp().With(MfaRequirement.Key, value);

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var message = failure.GetBaseException().Message;
        Assert.Contains($"{MfaRequirement.Key} lists {named}, which is not a role", message);
        Assert.Single(message.Split(". ", StringSplitOptions.RemoveEmptyEntries));
    }
}
