using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Data;
using TechSupport.Application.Features.Users;
using TechSupport.Domain;
using TechSupport.Tests.Support;
using TechSupport.Web.Auth;

namespace TechSupport.Tests;

// Issue 9, finding 11 and "Administering classified work": an administrator changes a role, deactivates and
// reactivates, unlocks and sets a password, all audited and none on their own account; each counts on the
// user's next request, for a bearer token and a cookie alike.
public sealed class AccountAdministrationTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    private const string NewPassword = "Another-Password-456";

    public static TheoryData<string, string, string?> Routes => new()
    {
        { "PUT", "role", "{\"role\":\"Operator\"}" },
        { "PUT", "clearances", "{\"productionIds\":[]}" },
        { "POST", "deactivate", null },
        { "POST", "reactivate", null },
        { "POST", "unlock", null },
        { "PUT", "password", $"{{\"password\":\"{NewPassword}\"}}" },
    };

    [Fact]
    public async Task An_engineer_made_operator_loses_the_engineer_routes_on_their_next_request()
    {
        var admin = await app.AdminAsync();
        var (email, id) = await app.AccountAsync(Role.Engineer);
        var engineer = await app.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await engineer.GetAsync("/api/v1/assignees")).StatusCode);
        var mark = await AuditMarkAsync();

        var changed = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/role", new { role = "Operator" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("Operator", (await changed.JsonAsync()).GetProperty("role").GetString());
        // The token was issued to an engineer: it is refused at once, and a new sign-in is an operator's.
        var stale = await engineer.GetAsync("/api/v1/assignees");
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var operatorNow = await app.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorNow.GetAsync("/api/v1/assignees")).StatusCode);
        Assert.Equal("Operator", (await (await operatorNow.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("role").GetString());
        var audited = await AuditSinceAsync(mark);
        var admins = await AdminIdAsync();
        Assert.Contains(audited, e => e.EntityType.StartsWith("IdentityUserRole", StringComparison.Ordinal) && e.Action == "Deleted"
            && e.EntityId.StartsWith(id.ToString(), StringComparison.Ordinal) && e.ActorId == admins);
        Assert.Contains(audited, e => e.EntityType.StartsWith("IdentityUserRole", StringComparison.Ordinal) && e.Action == "Added"
            && e.EntityId.StartsWith(id.ToString(), StringComparison.Ordinal) && e.ActorId == admins && e.ActorName == "First Admin");
        await AssertNoSecretsAsync(audited, id);
    }

    [Fact]
    public async Task A_deactivated_users_token_answers_401_on_their_next_request_and_their_refresh_token_is_refused()
    {
        var admin = await app.AdminAsync();
        var (email, id) = await app.AccountAsync(Role.Engineer);
        var login = await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = TechSupportApp.Password }))
            .JsonAsync();
        var user = await app.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/me")).StatusCode);
        var mark = await AuditMarkAsync();

        var deactivated = await admin.PostAsync($"/api/v1/admin/users/{id}/deactivate", null);

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        var view = await deactivated.JsonAsync();
        Assert.Equal(app.Clock.GetUtcNow(), view.GetProperty("deactivatedAt").GetDateTimeOffset());
        Assert.False(view.GetProperty("active").GetBoolean());
        var refused = await user.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var refresh = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh",
            new { refreshToken = login.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        var audited = Assert.Single(await AuditSinceAsync(mark), e => e.EntityType == "AppUser" && e.EntityId == id.ToString());
        Assert.Equal(await AdminIdAsync(), audited.ActorId);
        Assert.Contains("\"DeactivatedAt\":null", audited.Before, StringComparison.Ordinal);
        Assert.Contains("DeactivatedAt", audited.After, StringComparison.Ordinal);
        await AssertNoSecretsAsync([audited], id);
    }

    [Fact]
    public async Task Signing_in_as_a_deactivated_user_answers_exactly_as_a_wrong_password_on_the_api_and_the_page()
    {
        var admin = await app.AdminAsync();
        var (email, id) = await app.AccountAsync(Role.Operator);
        var wrong = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "not-the-password-at-all" });
        (await admin.PostAsync($"/api/v1/admin/users/{id}/deactivate", null)).EnsureSuccessStatusCode();

        var right = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = TechSupportApp.Password });
        var page = await SignInOnThePageAsync(email);

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Equal(Shape(await wrong.JsonAsync()), Shape(await right.JsonAsync()));
        Assert.Equal("/account/login", page.Url.AbsolutePath);
        Assert.Contains("Wrong email or password.", page.Text(".errors"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reactivated_user_signs_in_again_but_the_token_they_held_stays_refused()
    {
        var admin = await app.AdminAsync();
        var (email, id) = await app.AccountAsync(Role.Engineer);
        var held = await app.SignInAsync(email);
        (await admin.PostAsync($"/api/v1/admin/users/{id}/deactivate", null)).EnsureSuccessStatusCode();

        var reactivated = await admin.PostAsync($"/api/v1/admin/users/{id}/reactivate", null);

        Assert.Equal(HttpStatusCode.OK, reactivated.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await reactivated.JsonAsync()).GetProperty("deactivatedAt").ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, (await held.GetAsync("/api/v1/me")).StatusCode);
        var again = await app.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_users_cookie_is_signed_out_and_the_pages_send_them_to_sign_in()
    {
        var admin = await app.AdminAsync();
        var (email, id) = await app.AccountAsync(Role.Engineer);
        var (pages, browser) = await BrowserAsync(email);
        await pages.OpenAsync("/faults");

        (await admin.PostAsync($"/api/v1/admin/users/{id}/deactivate", null)).EnsureSuccessStatusCode();
        using var refused = await browser.GetAsync("/faults?status=New");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/login", refused.Headers.Location?.OriginalString.Split('?')[0]);
        Assert.Contains("ReturnUrl=%2Ffaults%3Fstatus%3DNew", refused.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var cleared = Assert.Single(refused.Headers.GetValues("Set-Cookie"), c => c.StartsWith("techsupport=", StringComparison.Ordinal));
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("/account/login", (await pages.GetAsync("/faults")).Url.AbsolutePath);
    }

    [Fact]
    public async Task A_manager_made_operator_on_the_pages_is_sent_to_sign_in_and_then_refused_the_managers_page()
    {
        var admin = await app.AdminAsync();
        var (email, id) = await app.AccountAsync(Role.Manager);
        var pages = await PageSession.SignInAsync(app, email);
        await pages.OpenAsync("/integrations/alerts");

        (await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/role", new { role = "Operator" })).EnsureSuccessStatusCode();
        var next = await pages.RequestAsync("/integrations/alerts");
        var again = await PageSession.SignInAsync(app, email);

        Assert.Equal("/account/login", next.Location?.OriginalString.Split('?')[0]);
        Assert.Equal("/account/denied", (await again.RequestAsync("/integrations/alerts")).Location?.AbsolutePath);
    }

    [Fact]
    public async Task A_removed_clearance_still_counts_on_the_next_request_without_signing_the_user_out()
    {
        var admin = await app.AdminAsync();
        var production = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(admin);
        var (engineer, id) = await app.UserAsync(Role.Engineer, production);
        var fault = await new FaultBuilder(await new SuiteBuilder().SendAsync(admin)).For(production).SendAsync(engineer).IdOfAsync();

        (await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/clearances", new { productionIds = Array.Empty<Guid>() }))
            .EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NotFound, (await engineer.GetAsync($"/api/v1/faults/{fault}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await engineer.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_user_is_sent_no_notifications_and_is_no_longer_an_assignee()
    {
        var admin = await app.AdminAsync();
        var suite = await new SuiteBuilder().SendAsync(admin);
        var (activeEmail, activeId) = await app.AccountAsync(Role.Operator);
        var (goneEmail, goneId) = await app.AccountAsync(Role.Operator);
        var (_, goneEngineer) = await app.AccountAsync(Role.Engineer);
        var kept = await new FaultBuilder(suite).WithSeverity(Severity.P3).SendAsync(await app.SignInAsync(activeEmail)).IdOfAsync();
        var left = await new FaultBuilder(suite).WithSeverity(Severity.P3).SendAsync(await app.SignInAsync(goneEmail)).IdOfAsync();
        (await admin.PostAsync($"/api/v1/admin/users/{goneId}/deactivate", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/v1/admin/users/{goneEngineer}/deactivate", null)).EnsureSuccessStatusCode();
        var engineer = (await app.UserAsync(Role.Engineer)).Client;

        (await engineer.PostAsync($"/api/v1/faults/{kept}/acknowledge", null)).EnsureSuccessStatusCode();
        (await engineer.PostAsync($"/api/v1/faults/{left}/acknowledge", null)).EnsureSuccessStatusCode();
        var assignees = await (await engineer.GetAsync("/api/v1/assignees")).JsonAsync();
        var assigned = await engineer.PostAsJsonAsync($"/api/v1/faults/{kept}/assign", new { assigneeId = goneEngineer });

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.UserId == activeId && n.FaultId == kept));
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.UserId == goneId));
        Assert.DoesNotContain(goneEngineer, assignees.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        await Problems.AssertFieldErrorAsync(assigned, "assigneeId");
    }

    [Fact]
    public async Task Unlocking_a_locked_out_account_lets_its_user_sign_in_again_before_the_15_minutes_are_up()
    {
        var admin = await app.AdminAsync();
        var (email, id) = await app.AccountAsync(Role.Engineer);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "not-the-password-at-all" });
        }

        var locked = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = TechSupportApp.Password });
        var listed = await UserAsync(admin, id);
        var mark = await AuditMarkAsync();
        var unlocked = await admin.PostAsync($"/api/v1/admin/users/{id}/unlock", null);
        var signedIn = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = TechSupportApp.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(JsonValueKind.String, listed.GetProperty("lockedOutUntil").ValueKind);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await unlocked.JsonAsync()).GetProperty("lockedOutUntil").ValueKind);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var audited = (await AuditSinceAsync(mark)).First(e => e.EntityType == "AppUser" && e.EntityId == id.ToString());
        Assert.Equal(await AdminIdAsync(), audited.ActorId);
        Assert.Contains("\"LockoutEnd\":null", audited.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_password_works_the_old_one_fails_and_every_sign_in_the_user_had_ends()
    {
        var admin = await app.AdminAsync();
        var (email, id) = await app.AccountAsync(Role.Engineer);
        var held = await app.SignInAsync(email);
        var (pages, _) = await BrowserAsync(email);
        var mark = await AuditMarkAsync();

        var set = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/password", new { password = NewPassword });
        var audited = await AuditSinceAsync(mark);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await held.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal("/account/login", (await pages.RequestAsync("/faults")).Location?.OriginalString.Split('?')[0]);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = TechSupportApp.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync(email, NewPassword)).GetAsync("/api/v1/me")).StatusCode);
        var changed = Assert.Single(audited, e => e.EntityType == "AppUser" && e.EntityId == id.ToString());
        Assert.Equal(await AdminIdAsync(), changed.ActorId);
        Assert.Contains("\"PasswordHash\":\"***\"", changed.After, StringComparison.Ordinal);
        Assert.DoesNotContain(audited, e => $"{e.Before}{e.After}".Contains(NewPassword, StringComparison.Ordinal));
        await AssertNoSecretsAsync(audited, id);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"password\": null}")]
    [InlineData("{\"password\": \"\"}")]
    [InlineData("{\"password\": 5}")]
    [InlineData("{\"password\": [\"Another-Password-456\"]}")]
    [InlineData("{\"password\": \"short1A\"}")]
    [InlineData("{\"password\": \"nodigitsorcapitalsatall\"}")]
    public async Task A_password_missing_of_the_wrong_type_or_breaking_the_rules_is_a_400_naming_password_and_changes_nothing(string body)
    {
        var admin = await app.AdminAsync();
        var (email, id) = await app.AccountAsync(Role.Operator);

        var response = await admin.PutAsync($"/api/v1/admin/users/{id}/password", new StringContent(body, Encoding.UTF8, "application/json"));

        await Problems.AssertFieldErrorAsync(response, "password");
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync(email)).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_password_longer_than_128_characters_is_a_400_naming_password()
    {
        var admin = await app.AdminAsync();
        var (_, id) = await app.AccountAsync(Role.Operator);

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/password", new { password = "Aa1" + new string('x', 200) });

        await Problems.AssertFieldErrorAsync(response, "password");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"role\": null}")]
    [InlineData("{\"role\": \"Boss\"}")]
    [InlineData("{\"role\": \"Engineer,Manager\"}")]
    [InlineData("{\"role\": \"Operator, Admin\"}")]
    [InlineData("{\"role\": \"3\"}")]
    [InlineData("{\"role\": 3}")]
    [InlineData("{\"role\": [\"Admin\"]}")]
    [InlineData("{\"role\": {\"name\": \"Admin\"}}")]
    public async Task A_role_that_is_not_one_name_is_a_400_naming_role_and_changes_nothing(string body)
    {
        var admin = await app.AdminAsync();
        var (email, id) = await app.AccountAsync(Role.Engineer);

        var response = await admin.PutAsync($"/api/v1/admin/users/{id}/role", new StringContent(body, Encoding.UTF8, "application/json"));

        await Problems.AssertFieldErrorAsync(response, "role");
        Assert.Equal("Engineer", (await UserAsync(admin, id)).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync(email)).GetAsync("/api/v1/assignees")).StatusCode);
    }

    [Theory]
    [InlineData("role", "[]")]
    [InlineData("role", "not json")]
    [InlineData("password", "")]
    public async Task A_body_that_is_not_a_json_object_is_a_400(string route, string body)
    {
        var admin = await app.AdminAsync();
        var (_, id) = await app.AccountAsync(Role.Engineer);

        var response = await admin.PutAsync($"/api/v1/admin/users/{id}/{route}", new StringContent(body, Encoding.UTF8, "application/json"));

        await Problems.AssertFieldErrorAsync(response, "body");
    }

    [Fact]
    public async Task A_role_name_is_read_whatever_its_case()
    {
        var admin = await app.AdminAsync();
        var (_, id) = await app.AccountAsync(Role.Operator);

        var response = await admin.PutAsync($"/api/v1/admin/users/{id}/role",
            new StringContent("{\"role\": \"manager\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Manager", (await response.JsonAsync()).GetProperty("role").GetString());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Nobody_administers_their_own_account_and_is_told_to_ask_another_administrator(string method, string route, string? body)
    {
        var (admin, me) = await app.UserAsync(Role.Admin);
        var before = await UserAsync(await app.AdminAsync(), me);

        var response = await SendAsync(admin, method, $"/api/v1/admin/users/{me}/{route}", body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("ask another administrator", (await response.JsonAsync()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(before.ToString(), (await UserAsync(await app.AdminAsync(), me)).ToString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Administering_an_unknown_user_is_a_404(string method, string route, string? body)
    {
        var admin = await app.AdminAsync();

        var response = await SendAsync(admin, method, $"/api/v1/admin/users/{Guid.NewGuid()}/{route}", body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<Role, string, string, string?> RolesAndRoutes()
    {
        var data = new TheoryData<Role, string, string, string?>();
        foreach (var role in new[] { Role.Operator, Role.Engineer, Role.Manager })
        {
            foreach (var row in Routes)
            {
                data.Add(role, (string)row[0], (string)row[1], (string?)row[2]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndRoutes))]
    public async Task Only_an_administrator_administers_accounts(Role role, string method, string route, string? body)
    {
        var admin = await app.AdminAsync();
        var (_, target) = await app.AccountAsync(Role.Engineer);
        var before = await UserAsync(admin, target);
        var caller = (await app.UserAsync(role)).Client;

        var response = await SendAsync(caller, method, $"/api/v1/admin/users/{target}/{route}", body);
        var anonymous = await SendAsync(app.CreateClient(), method, $"/api/v1/admin/users/{target}/{route}", body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(before.ToString(), (await UserAsync(admin, target)).ToString());
    }

    [Fact]
    public async Task The_users_list_says_who_is_deactivated_and_who_is_locked_out()
    {
        var admin = await app.AdminAsync();
        var (_, gone) = await app.AccountAsync(Role.Operator);
        var (_, here) = await app.AccountAsync(Role.Operator);
        (await admin.PostAsync($"/api/v1/admin/users/{gone}/deactivate", null)).EnsureSuccessStatusCode();

        var goneView = await UserAsync(admin, gone);
        var hereView = await UserAsync(admin, here);

        Assert.Equal(app.Clock.GetUtcNow(), goneView.GetProperty("deactivatedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, hereView.GetProperty("deactivatedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, hereView.GetProperty("lockedOutUntil").ValueKind);
    }

    // A problem's title, status and fields: everything but the trace id, which differs per request.
    private static string Shape(JsonElement problem) =>
        string.Join("|", problem.EnumerateObject().Where(p => p.Name != "traceId").OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> UserAsync(HttpClient admin, Guid id) =>
        (await (await admin.GetAsync("/api/v1/admin/users")).JsonAsync()).GetProperty("items").EnumerateArray()
        .Single(u => u.GetProperty("id").GetGuid() == id);

    private async Task<(PageSession Pages, HttpClient Browser)> BrowserAsync(string email)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var pages = new PageSession(browser);
        var form = (await pages.GetAsync("/account/login")).Form();
        form["Email"] = email;
        form["Password"] = TechSupportApp.Password;
        Assert.NotEqual("/account/login", (await pages.SubmitAsync(form)).Url.AbsolutePath);
        return (pages, browser);
    }

    private async Task<HtmlPage> SignInOnThePageAsync(string email)
    {
        var pages = new PageSession(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var form = (await pages.GetAsync("/account/login")).Form();
        form["Email"] = email;
        form["Password"] = TechSupportApp.Password;
        return await pages.SubmitAsync(form);
    }

    private async Task<Guid> AdminIdAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        return await db.Users.Where(u => u.Email == "first-admin@test.local").Select(u => u.Id).SingleAsync();
    }

    private async Task<long> AuditMarkAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        return await db.AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    private async Task<List<AuditEvent>> AuditSinceAsync(long mark)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        return await db.AuditEvents.AsNoTracking().Where(e => e.Id > mark).OrderBy(e => e.Id).ToListAsync();
    }

    // Neither the hash of the user's password nor their security stamp, before or after, is in the audit log.
    private async Task AssertNoSecretsAsync(IEnumerable<AuditEvent> audited, Guid userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        var account = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        foreach (var secret in new[] { account.PasswordHash!, account.SecurityStamp! })
        {
            Assert.DoesNotContain(audited, e => $"{e.Before}{e.After}".Contains(secret, StringComparison.Ordinal));
        }
    }
}

// Issue 9: the last active administrator is never removed, even by a system job that may act as an administrator.
public sealed class LastAdministratorTests
{
    [Fact]
    public async Task The_only_active_administrator_keeps_the_role_and_the_account()
    {
        await using var app = new TechSupportApp();
        await app.InitializeAsync();
        var admin = await app.AdminAsync();
        var id = (await (await admin.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("id").GetGuid();

        var demoted = await Record.ExceptionAsync(() => AsSystemAsync(app, new ChangeRole(id, Role.Manager)));
        var deactivated = await Record.ExceptionAsync(() => AsSystemAsync(app, new DeactivateUser(id)));

        Assert.IsType<DomainRuleException>(demoted);
        Assert.IsType<DomainRuleException>(deactivated);
        Assert.Equal("Admin", (await (await admin.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("role").GetString());
    }

    private static async Task AsSystemAsync(TechSupportApp app, ICommand<UserView> command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem("Test job");
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }
}

// Issue 9, finding 5 kept for deactivated accounts: refusing one does the work of a wrong password.
public sealed class DeactivatedSignInTimingTests(AdministrationSecurityTests.CountingApp app)
    : IClassFixture<AdministrationSecurityTests.CountingApp>
{
    [Fact]
    public async Task Signing_in_as_a_deactivated_user_verifies_a_password_hash_as_a_wrong_password_does()
    {
        var admin = await app.AdminAsync();
        var (email, id) = await app.AccountAsync(Role.Operator);
        (await admin.PostAsync($"/api/v1/admin/users/{id}/deactivate", null)).EnsureSuccessStatusCode();
        var before = app.Verifications;

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = TechSupportApp.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, app.Verifications - before);
    }
}

// Issue 9: every grant of a Restricted clearance is e-mailed to the managers, and to no one else.
public sealed class RestrictedClearanceMailTests(RestrictedClearanceMailTests.MailApp app) : IClassFixture<RestrictedClearanceMailTests.MailApp>
{
    [Fact]
    public async Task A_restricted_clearance_is_mailed_to_the_active_managers_naming_it_only_to_those_cleared_for_it()
    {
        var admin = await app.AdminAsync();
        var production = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(admin);
        var standard = await new ProductionBuilder().SendAsync(admin);
        var name = (await (await admin.GetAsync("/api/v1/admin/productions")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Single(p => p.GetProperty("id").GetGuid() == production).GetProperty("name").GetString()!;
        var (uncleared, _) = await app.AccountAsync(Role.Manager);
        var (cleared, _) = await app.AccountAsync(Role.Manager, production);
        var (gone, goneId) = await app.AccountAsync(Role.Manager);
        (await admin.PostAsync($"/api/v1/admin/users/{goneId}/deactivate", null)).EnsureSuccessStatusCode();
        var (bystander, _) = await app.AccountAsync(Role.Engineer);
        var (otherAdmin, _) = await app.AccountAsync(Role.Admin);
        var (granteeEmail, grantee) = await app.AccountAsync(Role.Engineer);
        var granteeName = (await UsersAsync(admin)).Single(u => u.GetProperty("id").GetGuid() == grantee).GetProperty("displayName").GetString()!;
        var mark = await AuditMarkAsync();

        var granted = await admin.PutAsJsonAsync($"/api/v1/admin/users/{grantee}/clearances", new { productionIds = new[] { production, standard } });

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var mails = (await MailAsync()).Where(m => m.Subject.Contains(granteeName, StringComparison.Ordinal)).ToList();
        // Managers made by other tests of this app hear of it too; everyone else, and a deactivated manager, does not.
        var managers = (await UsersAsync(admin)).Where(u => u.GetProperty("role").GetString() == "Manager"
            && u.GetProperty("deactivatedAt").ValueKind == JsonValueKind.Null).Select(u => u.GetProperty("email").GetString()).ToList();
        Assert.Equal(managers.Order(StringComparer.Ordinal), mails.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.Contains(cleared, managers);
        Assert.Contains(uncleared, managers);
        Assert.DoesNotContain(mails, m => m.To == gone || m.To == bystander || m.To == otherAdmin || m.To == granteeEmail);
        var toCleared = mails.Single(m => m.To == cleared);
        var toUncleared = mails.Single(m => m.To == uncleared);
        Assert.Equal($"First Admin cleared {granteeName} for Restricted production {name}", toCleared.Subject);
        Assert.Equal($"First Admin cleared {granteeName} for a Restricted production you are not cleared for (id {production})", toUncleared.Subject);
        Assert.DoesNotContain(name, toUncleared.Body, StringComparison.Ordinal);
        var delivered = await app.Mailbox.WaitForAsync(m => SmtpMailbox.To(m).Contains(uncleared) && (m.Subject ?? "").Contains(granteeName, StringComparison.Ordinal));
        Assert.DoesNotContain(name, delivered.TextBody ?? "", StringComparison.Ordinal);
        var audited = Assert.Single(await AuditSinceAsync(mark), e => e.EntityType == "ProductionClearance" && e.EntityId == $"{grantee},{production}");
        Assert.Equal("Added", audited.Action);
        Assert.Equal("First Admin", audited.ActorName);
        Assert.Contains("GrantedById", audited.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Classification.Standard)]
    [InlineData(Classification.Confidential)]
    public async Task A_clearance_for_a_production_that_is_not_restricted_is_not_mailed(Classification classification)
    {
        var admin = await app.AdminAsync();
        var production = await new ProductionBuilder().Classified(classification).SendAsync(admin);
        await app.AccountAsync(Role.Manager);
        var before = (await MailAsync()).Count;

        await app.AccountAsync(Role.Engineer, production);

        Assert.Equal(before, (await MailAsync()).Count);
    }

    [Fact]
    public async Task Keeping_a_restricted_clearance_a_user_already_has_is_not_mailed_again()
    {
        var admin = await app.AdminAsync();
        var production = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(admin);
        await app.AccountAsync(Role.Manager);
        var (_, engineer) = await app.AccountAsync(Role.Engineer, production);
        var before = (await MailAsync()).Count;

        (await admin.PutAsJsonAsync($"/api/v1/admin/users/{engineer}/clearances", new { productionIds = new[] { production } }))
            .EnsureSuccessStatusCode();

        Assert.Equal(before, (await MailAsync()).Count);
    }

    private static async Task<List<JsonElement>> UsersAsync(HttpClient admin) =>
        [.. (await (await admin.GetAsync("/api/v1/admin/users")).JsonAsync()).GetProperty("items").EnumerateArray()];

    private async Task<List<Application.Notifications.MailMessage>> MailAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        return await db.MailOutbox.AsNoTracking().ToListAsync();
    }

    private async Task<long> AuditMarkAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TechSupportDbContext>().AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    private async Task<List<AuditEvent>> AuditSinceAsync(long mark)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TechSupportDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Id > mark).ToListAsync();
    }

    // Mail on, to a real SMTP server of the test's own.
    public sealed class MailApp : TechSupportApp, IAsyncLifetime
    {
        public MailApp() => With("Notifications:Smtp:Host", "127.0.0.1")
            .With("Notifications:Smtp:Port", Mailbox.Port.ToString(CultureInfo.InvariantCulture))
            .With("Notifications:Smtp:From", "techsupport@facility.test");

        public SmtpMailbox Mailbox { get; } = new();

        async Task IAsyncLifetime.InitializeAsync()
        {
            await Mailbox.StartAsync();
            await InitializeAsync();
        }

        Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Mailbox.DisposeAsync();
        }
    }
}

// The same administration on the users page: a form per action on each other user's row, none on one's own,
// errors beside the form that failed.
public sealed class AccountAdministrationPageTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task Each_other_user_has_role_account_and_password_forms_and_the_admins_own_row_says_why_it_has_none()
    {
        var (pages, me) = await AdminPagesAsync();
        var (_, engineer) = await app.AccountAsync(Role.Engineer);

        var page = await pages.OpenAsync("/admin/users");

        var row = page.Get($"[id='user-{engineer}']");
        Assert.Equal("Engineer", row.QuerySelector("select[name='Account.Role'] option[selected]")?.TextContent);
        Assert.NotNull(row.QuerySelector("input[type=password][name='Account.Password']"));
        Assert.NotNull(row.QuerySelector("form[action*='handler=Deactivate']"));
        Assert.Null(row.QuerySelector("form[action*='handler=Unlock']"));
        Assert.NotNull(row.QuerySelector("form[action*='handler=Clearances']"));
        Assert.All(row.QuerySelectorAll("form"), form =>
        {
            Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
            Assert.EndsWith($"#user-{engineer}", form.GetAttribute("action"), StringComparison.Ordinal);
        });
        Assert.Contains("Active", row.TextContent, StringComparison.Ordinal);
        var own = page.Get($"[id='user-{me}']");
        Assert.Empty(own.QuerySelectorAll("form"));
        Assert.Contains(AccountAdministration.OwnAccount, HtmlPage.Normalise(own.TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_changes_a_role_on_the_page()
    {
        var (pages, _) = await AdminPagesAsync();
        var (_, engineer) = await app.AccountAsync(Role.Engineer);

        var done = await pages.FollowAsync(await pages.PostAsync("/admin/users?handler=Role",
            new() { ["Account.UserId"] = engineer.ToString(), ["Account.Role"] = "Manager" }));

        Assert.EndsWith("is now a Manager", done.Notice, StringComparison.Ordinal);
        Assert.Equal("Manager", done.Get($"[id='user-{engineer}'] select[name='Account.Role'] option[selected]").TextContent);
    }

    [Theory]
    [InlineData("Engineer,Manager")]
    [InlineData("3")]
    [InlineData("Boss")]
    public async Task A_role_that_is_not_one_name_is_refused_beside_that_rows_role_select(string role)
    {
        var (pages, _) = await AdminPagesAsync();
        var (_, engineer) = await app.AccountAsync(Role.Engineer);
        var (_, other) = await app.AccountAsync(Role.Operator);

        var page = await pages.PostAsync("/admin/users?handler=Role", new() { ["Account.UserId"] = engineer.ToString(), ["Account.Role"] = role });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var row = page.Get($"[id='user-{engineer}']");
        Assert.Equal("true", row.QuerySelector("select[name='Account.Role']")?.GetAttribute("aria-invalid"));
        Assert.Contains("Pick one of", row.QuerySelector(".field-error")?.TextContent, StringComparison.Ordinal);
        Assert.Single(page.Document.QuerySelectorAll(".errors"));
        Assert.NotNull(row.QuerySelector(".errors"));
        Assert.Null(page.Get($"[id='user-{other}'] select[name='Account.Role']").GetAttribute("aria-invalid"));
        Assert.Null(page.Field("Role").GetAttribute("aria-invalid"));
        Assert.Equal("Engineer", (await UserAsync(engineer)).GetProperty("role").GetString());
    }

    [Fact]
    public async Task An_admin_deactivates_and_reactivates_on_the_page_and_a_deactivated_user_stands_out()
    {
        var (pages, _) = await AdminPagesAsync();
        var (_, operatorId) = await app.AccountAsync(Role.Operator);

        var deactivated = await pages.FollowAsync(await pages.PostAsync("/admin/users?handler=Deactivate",
            new() { ["Account.UserId"] = operatorId.ToString() }));
        var row = deactivated.Get($"[id='user-{operatorId}']");
        var reactivated = await pages.FollowAsync(await pages.PostAsync("/admin/users?handler=Reactivate",
            new() { ["Account.UserId"] = operatorId.ToString() }));

        Assert.EndsWith("is deactivated and signed out", deactivated.Notice, StringComparison.Ordinal);
        Assert.Contains("deactivated", row.ClassList);
        Assert.Equal("Deactivated", row.QuerySelector(".badge.deactivated")?.TextContent);
        Assert.Contains("Deactivated since Mon 23 Nov 2026, 10:00 GMT", HtmlPage.Normalise(row.TextContent), StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("form[action*='handler=Reactivate']"));
        Assert.Null(row.QuerySelector("form[action*='handler=Deactivate']"));
        Assert.EndsWith("can sign in again", reactivated.Notice, StringComparison.Ordinal);
        Assert.DoesNotContain("deactivated", reactivated.Get($"[id='user-{operatorId}']").ClassList);
    }

    [Fact]
    public async Task A_locked_out_user_shows_when_the_lock_ends_in_the_facilitys_time_and_is_unlocked_on_the_page()
    {
        var (pages, _) = await AdminPagesAsync();
        var (email, id) = await app.AccountAsync(Role.Engineer);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "not-the-password-at-all" });
        }

        var until = (await UserAsync(id)).GetProperty("lockedOutUntil").GetDateTimeOffset();
        var page = await pages.OpenAsync("/admin/users");
        var wall = TimeZoneInfo.ConvertTime(until, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"))
            .ToString("ddd d MMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en-GB"));
        var unlocked = await pages.FollowAsync(await pages.PostAsync("/admin/users?handler=Unlock", new() { ["Account.UserId"] = id.ToString() }));

        var state = page.Get($"[id='user-{id}'] .state.locked");
        Assert.StartsWith($"Locked until {wall} ", HtmlPage.Normalise(state.TextContent), StringComparison.Ordinal);
        Assert.Equal(until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            state.QuerySelector("time")?.GetAttribute("datetime"));
        Assert.EndsWith("is unlocked and can sign in again", unlocked.Notice, StringComparison.Ordinal);
        Assert.Null(unlocked.Find($"[id='user-{id}'] .state.locked"));
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync(email)).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_password_breaking_the_rules_is_shown_beside_that_rows_password_field_and_a_good_one_is_set()
    {
        var (pages, _) = await AdminPagesAsync();
        var (email, id) = await app.AccountAsync(Role.Engineer);

        var refused = await pages.PostAsync("/admin/users?handler=Password", new() { ["Account.UserId"] = id.ToString(), ["Account.Password"] = "short1A" });
        var set = await pages.FollowAsync(await pages.PostAsync("/admin/users?handler=Password",
            new() { ["Account.UserId"] = id.ToString(), ["Account.Password"] = "Another-Password-456" }));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        var row = refused.Get($"[id='user-{id}']");
        var field = row.QuerySelector("input[name='Account.Password']")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        var message = refused.Get($"[id='password-{id:N}-error']");
        Assert.Contains(message.Id!, field.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Contains("12 characters", message.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector(".errors"));
        Assert.Single(refused.Document.QuerySelectorAll(".errors"));
        Assert.Null(refused.Field("Password").GetAttribute("aria-invalid"));
        Assert.EndsWith("has a new password; their other sign-ins have ended", set.Notice, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync(email, "Another-Password-456")).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_create_form_error_is_shown_in_the_create_form_not_at_the_top_of_the_page()
    {
        var (pages, _) = await AdminPagesAsync();

        var page = await pages.PostAsync("/admin/users?handler=Create", new() { ["Email"] = "", ["DisplayName"] = "", ["Role"] = "Engineer,Manager" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var summary = Assert.Single(page.Document.QuerySelectorAll(".errors"));
        Assert.NotNull(summary.Closest("form[action*='handler=Create']"));
        Assert.Equal("true", page.Field("Role").GetAttribute("aria-invalid"));
        Assert.EndsWith("#new-user-h", page.Get("form[action*='handler=Create']").GetAttribute("action"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Role", "Manager")]
    [InlineData("Deactivate", null)]
    [InlineData("Unlock", null)]
    [InlineData("Password", "Another-Password-456")]
    public async Task An_admin_posting_a_change_to_their_own_account_is_refused(string handler, string? value)
    {
        var (pages, me) = await AdminPagesAsync();

        var response = await pages.PostAsync($"/admin/users?handler={handler}", new()
        {
            ["Account.UserId"] = me.ToString(),
            ["Account.Role"] = handler == "Role" ? value : null,
            ["Account.Password"] = handler == "Password" ? value : null,
        });

        Assert.Equal("/account/denied", response.Location?.AbsolutePath);
        var view = await UserAsync(me);
        Assert.Equal("Admin", view.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("deactivatedAt").ValueKind);
        await pages.OpenAsync("/admin/users");
    }

    [Theory]
    [InlineData(Role.Operator)]
    [InlineData(Role.Engineer)]
    [InlineData(Role.Manager)]
    public async Task Only_an_administrator_opens_the_users_page(Role role)
    {
        var pages = await app.PagesAsync(role);

        Assert.Equal("/account/denied", (await pages.RequestAsync("/admin/users")).Location?.AbsolutePath);
    }

    [Fact]
    public async Task A_row_form_posted_without_its_antiforgery_token_is_refused()
    {
        var (pages, _) = await AdminPagesAsync();
        var (_, engineer) = await app.AccountAsync(Role.Engineer);
        Assert.Equal(HttpStatusCode.OK, (await pages.RequestAsync("/admin/users")).Status);

        var response = await pages.PostWithoutTokenAsync("/admin/users?handler=Deactivate",
            new Dictionary<string, string> { ["Account.UserId"] = engineer.ToString() });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(JsonValueKind.Null, (await UserAsync(engineer)).GetProperty("deactivatedAt").ValueKind);
    }

    private async Task<(PageSession Pages, Guid Id)> AdminPagesAsync()
    {
        var (email, id) = await app.AccountAsync(Role.Admin);
        return (await PageSession.SignInAsync(app, email), id);
    }

    private async Task<JsonElement> UserAsync(Guid id) =>
        (await (await (await app.AdminAsync()).GetAsync("/api/v1/admin/users")).JsonAsync()).GetProperty("items").EnumerateArray()
        .Single(u => u.GetProperty("id").GetGuid() == id);
}
