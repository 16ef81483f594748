using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Data;
using TechSupport.Application.Notifications;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// Who hears of what happens to a fault, in the bell and by e-mail, and never of a fault they may not see (S3).
public sealed class NotificationTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task Acknowledging_a_fault_tells_its_reporter_and_not_the_engineer_who_did_it()
    {
        var (engineer, _) = await app.UserAsync(Role.Engineer);
        var (reporter, _) = await app.UserAsync(Role.Operator);
        var fault = await LogAsync(reporter);

        Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsync($"/api/v1/faults/{fault.Id}/acknowledge", null)).StatusCode);

        var bell = await BellAsync(reporter);
        Assert.Equal(1, bell.GetProperty("total").GetInt32());
        Assert.Equal(1, bell.GetProperty("unread").GetInt32());
        var item = bell.GetProperty("items")[0];
        Assert.Equal(fault.Id, item.GetProperty("faultId").GetGuid());
        Assert.Equal(fault.Number, item.GetProperty("faultNumber").GetString());
        Assert.Equal("Acknowledged", item.GetProperty("kind").GetString());
        Assert.Contains(fault.Number, item.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("readAt").ValueKind);
        Assert.Equal(0, (await BellAsync(engineer)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Resolving_a_fault_tells_its_reporter_and_not_the_assigned_engineer_who_resolved_it()
    {
        var (engineer, engineerId) = await app.UserAsync(Role.Engineer);
        var (reporter, _) = await app.UserAsync(Role.Operator);
        var fault = await LogAsync(reporter);
        (await engineer.PostAsync($"/api/v1/faults/{fault.Id}/acknowledge", null)).EnsureSuccessStatusCode();
        (await engineer.PostAsJsonAsync($"/api/v1/faults/{fault.Id}/assign", new { assigneeId = engineerId })).EnsureSuccessStatusCode();

        var resolved = await engineer.PostAsJsonAsync($"/api/v1/faults/{fault.Id}/resolve",
            new { fix = "Reseated the SDI cable on output B and re-ran the signal check" });

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var bell = await BellAsync(reporter);
        Assert.Equal(["Acknowledged", "Resolved"], Kinds(bell).Order());
        Assert.Equal(2, bell.GetProperty("unread").GetInt32());
        // The resolver is also the assignee, whom a resolution tells; nobody hears of their own work.
        Assert.Equal(0, (await BellAsync(engineer)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_escalation_to_second_line_tells_second_line_engineers_and_the_assignee_and_nobody_else()
    {
        var (escalator, _) = await app.UserAsync(Role.Engineer);
        var (assignee, assigneeId) = await app.UserAsync(Role.Engineer);
        var (secondLine, _) = await EngineerAsync(SupportTier.SecondLine);
        var (firstLine, _) = await EngineerAsync(SupportTier.FirstLine);
        var (specialist, _) = await EngineerAsync(SupportTier.Specialist);
        var (manager, _) = await app.UserAsync(Role.Manager);
        var (reporter, _) = await app.UserAsync(Role.Operator);
        var fault = await LogAsync(reporter);
        (await escalator.PostAsJsonAsync($"/api/v1/faults/{fault.Id}/assign", new { assigneeId })).EnsureSuccessStatusCode();

        var escalated = await escalator.PostAsJsonAsync($"/api/v1/faults/{fault.Id}/escalate",
            new { reason = "Needs the storage specialists on the SAN", tier = "SecondLine" });

        Assert.Equal(HttpStatusCode.OK, escalated.StatusCode);
        Assert.Equal("SecondLine", (await escalated.JsonAsync()).GetProperty("tier").GetString());
        var told = Items(await BellAsync(secondLine)).Single();
        Assert.Equal("Escalated", told.GetProperty("kind").GetString());
        Assert.Equal(fault.Id, told.GetProperty("faultId").GetGuid());
        Assert.Equal(["Assigned", "Escalated"], Kinds(await BellAsync(assignee)).Order());
        foreach (var bystander in new[] { escalator, firstLine, specialist, manager, reporter })
        {
            Assert.DoesNotContain(Items(await BellAsync(bystander)), n => n.GetProperty("faultId").GetGuid() == fault.Id);
        }
    }

    [Fact]
    public async Task Marking_a_notification_read_keeps_it_in_the_list_and_takes_it_off_the_unread_count()
    {
        var (engineer, _) = await app.UserAsync(Role.Engineer);
        var (reporter, _) = await app.UserAsync(Role.Operator);
        var first = await LogAsync(reporter);
        var second = await LogAsync(reporter);
        (await engineer.PostAsync($"/api/v1/faults/{first.Id}/acknowledge", null)).EnsureSuccessStatusCode();
        (await engineer.PostAsync($"/api/v1/faults/{second.Id}/acknowledge", null)).EnsureSuccessStatusCode();
        var older = Items(await BellAsync(reporter)).Single(n => n.GetProperty("faultId").GetGuid() == first.Id);

        var read = await reporter.PostAsync($"/api/v1/notifications/{older.GetProperty("id").GetGuid()}/read", null);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var body = await read.JsonAsync();
        Assert.Equal(app.Clock.GetUtcNow(), body.GetProperty("readAt").GetDateTimeOffset());
        var bell = await BellAsync(reporter);
        Assert.Equal(2, bell.GetProperty("total").GetInt32());
        Assert.Equal(1, bell.GetProperty("unread").GetInt32());
        var unread = await BellAsync(reporter, "?unread=true");
        Assert.Equal(1, unread.GetProperty("total").GetInt32());
        Assert.Equal(second.Id, Items(unread).Single().GetProperty("faultId").GetGuid());

        var all = await reporter.PostAsync("/api/v1/notifications/read-all", null);
        Assert.Equal(1, (await all.JsonAsync()).GetProperty("marked").GetInt32());
        Assert.Equal(0, (await BellAsync(reporter)).GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task The_bell_pages_newest_first()
    {
        var (engineer, _) = await app.UserAsync(Role.Engineer);
        var (reporter, _) = await app.UserAsync(Role.Operator);
        var faults = new List<Logged>();
        for (var i = 0; i < 3; i++)
        {
            var fault = await LogAsync(reporter);
            faults.Add(fault);
            (await engineer.PostAsync($"/api/v1/faults/{fault.Id}/acknowledge", null)).EnsureSuccessStatusCode();
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var page1 = await BellAsync(reporter, "?pageSize=2");
        var page2 = await BellAsync(reporter, "?pageSize=2&page=2");
        var page3 = await BellAsync(reporter, "?pageSize=2&page=3");

        Assert.Equal(3, page1.GetProperty("total").GetInt32());
        Assert.Equal([faults[2].Number, faults[1].Number], Items(page1).Select(n => n.GetProperty("faultNumber").GetString()));
        Assert.Equal([faults[0].Number], Items(page2).Select(n => n.GetProperty("faultNumber").GetString()));
        Assert.Empty(Items(page3));
    }

    [Fact]
    public async Task Someone_elses_notification_answers_as_one_that_does_not_exist()
    {
        var (engineer, _) = await app.UserAsync(Role.Engineer);
        var (reporter, _) = await app.UserAsync(Role.Operator);
        var (other, _) = await app.UserAsync(Role.Operator);
        var fault = await LogAsync(reporter);
        (await engineer.PostAsync($"/api/v1/faults/{fault.Id}/acknowledge", null)).EnsureSuccessStatusCode();
        var id = Items(await BellAsync(reporter)).Single().GetProperty("id").GetGuid();

        var theirs = await other.PostAsync($"/api/v1/notifications/{id}/read", null);
        var nothing = await other.PostAsync($"/api/v1/notifications/{Guid.NewGuid()}/read", null);

        await AssertSameNotFoundAsync(theirs, nothing);
        Assert.Equal(1, (await BellAsync(reporter)).GetProperty("unread").GetInt32());
    }

    [Theory]
    [InlineData(Classification.Confidential)]
    [InlineData(Classification.Restricted)]
    public async Task An_engineer_not_cleared_for_a_classified_production_never_hears_of_its_faults(Classification classification)
    {
        var (manager, _) = await app.UserAsync(Role.Manager);
        var productionId = await new ProductionBuilder().Classified(classification).SendAsync(manager);
        var (cleared, _) = await EngineerAsync(SupportTier.SecondLine, productionId);
        var (uncleared, _) = await EngineerAsync(SupportTier.SecondLine);
        var (escalator, _) = await app.UserAsync(Role.Engineer, productionId);
        var (reporter, _) = await app.UserAsync(Role.Operator, productionId);
        var fault = await LogAsync(reporter, productionId);

        (await escalator.PostAsJsonAsync($"/api/v1/faults/{fault.Id}/escalate", new { reason = "Grade bay down", tier = "SecondLine" }))
            .EnsureSuccessStatusCode();

        Assert.Single(Items(await BellAsync(cleared)));
        var bell = await BellAsync(uncleared);
        Assert.Equal(0, bell.GetProperty("total").GetInt32());
        Assert.Equal(0, bell.GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task A_revoked_clearance_hides_an_earlier_notification_from_the_list_the_count_and_the_read_route()
    {
        var (manager, _) = await app.UserAsync(Role.Manager);
        var admin = await app.AdminAsync();
        var productionId = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(manager);
        var (engineer, engineerId) = await EngineerAsync(SupportTier.SecondLine, productionId);
        var (escalator, _) = await app.UserAsync(Role.Engineer, productionId);
        var (reporter, _) = await app.UserAsync(Role.Operator, productionId);
        var fault = await LogAsync(reporter, productionId);
        (await escalator.PostAsJsonAsync($"/api/v1/faults/{fault.Id}/escalate", new { reason = "Grade bay down", tier = "SecondLine" }))
            .EnsureSuccessStatusCode();
        var id = Items(await BellAsync(engineer)).Single().GetProperty("id").GetGuid();

        (await admin.PutAsJsonAsync($"/api/v1/admin/users/{engineerId}/clearances", new { productionIds = Array.Empty<Guid>() }))
            .EnsureSuccessStatusCode();

        foreach (var query in new[] { "", "?unread=true" })
        {
            var bell = await BellAsync(engineer, query);
            Assert.Equal(0, bell.GetProperty("total").GetInt32());
            Assert.Equal(0, bell.GetProperty("unread").GetInt32());
            Assert.Empty(Items(bell));
        }

        await AssertSameNotFoundAsync(
            await engineer.PostAsync($"/api/v1/notifications/{id}/read", null),
            await engineer.PostAsync($"/api/v1/notifications/{Guid.NewGuid()}/read", null));
        Assert.Equal(0, (await (await engineer.PostAsync("/api/v1/notifications/read-all", null)).JsonAsync())
            .GetProperty("marked").GetInt32());

        // Cleared again, the notification is back, still unread: hiding it changed nothing.
        (await admin.PutAsJsonAsync($"/api/v1/admin/users/{engineerId}/clearances", new { productionIds = new[] { productionId } }))
            .EnsureSuccessStatusCode();
        Assert.Equal(1, (await BellAsync(engineer)).GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task The_bell_answers_bad_paging_and_filters_with_the_field_named()
    {
        var (reporter, _) = await app.UserAsync(Role.Operator);

        await Problems.AssertFieldErrorAsync(await reporter.GetAsync("/api/v1/notifications?unread=maybe"), "unread");
        await Problems.AssertFieldErrorAsync(await reporter.GetAsync("/api/v1/notifications?page=0"), "page");
        await Problems.AssertFieldErrorAsync(await reporter.GetAsync("/api/v1/notifications?pageSize=many"), "pageSize");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/notifications")).StatusCode);
    }

    [Fact]
    public async Task An_admin_gives_an_engineer_a_tier_when_creating_them_and_changes_it_later()
    {
        var admin = await app.AdminAsync();
        var email = $"second-line-{Guid.NewGuid():N}@test.local";

        var created = await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email, password = TechSupportApp.Password, displayName = "Sam Second", role = "Engineer", tier = "SecondLine",
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await created.JsonAsync();
        Assert.Equal("SecondLine", user.GetProperty("tier").GetString());
        var id = user.GetProperty("id").GetGuid();

        var changed = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/tier", new { tier = "Specialist" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("Specialist", (await changed.JsonAsync()).GetProperty("tier").GetString());
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users")).GetProperty("items").EnumerateArray()
            .Single(u => u.GetProperty("id").GetGuid() == id);
        Assert.Equal("Specialist", listed.GetProperty("tier").GetString());
        Assert.Equal("Specialist", (await (await app.SignInAsync(email)).GetFromJsonAsync<JsonElement>("/api/v1/me"))
            .GetProperty("tier").GetString());
    }

    [Fact]
    public async Task An_engineer_with_no_tier_works_first_line_and_a_manager_is_the_manager_tier()
    {
        var admin = await app.AdminAsync();
        var (_, engineerId) = await app.UserAsync(Role.Engineer);
        var (_, managerId) = await app.UserAsync(Role.Manager);
        var (_, operatorId) = await app.UserAsync(Role.Operator);

        var users = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users")).GetProperty("items").EnumerateArray()
            .ToDictionary(u => u.GetProperty("id").GetGuid(), u => u.GetProperty("tier"));

        Assert.Equal("FirstLine", users[engineerId].GetString());
        Assert.Equal("Manager", users[managerId].GetString());
        Assert.Equal(JsonValueKind.Null, users[operatorId].ValueKind);
    }

    [Fact]
    public async Task A_tier_that_does_not_exist_or_a_tier_for_someone_who_is_not_an_engineer_is_refused_naming_tier()
    {
        var admin = await app.AdminAsync();
        var (_, engineerId) = await app.UserAsync(Role.Engineer);
        var (_, managerId) = await app.UserAsync(Role.Manager);
        var (_, operatorId) = await app.UserAsync(Role.Operator);

        await Problems.AssertFieldErrorAsync(
            await admin.PutAsJsonAsync($"/api/v1/admin/users/{engineerId}/tier", new { tier = "ThirdLine" }), "tier");
        await Problems.AssertFieldErrorAsync(
            await admin.PutAsJsonAsync($"/api/v1/admin/users/{engineerId}/tier", new { tier = "Manager" }), "tier");
        await Problems.AssertFieldErrorAsync(
            await admin.PutAsJsonAsync($"/api/v1/admin/users/{operatorId}/tier", new { tier = "SecondLine" }), "tier");
        await Problems.AssertFieldErrorAsync(
            await admin.PutAsJsonAsync($"/api/v1/admin/users/{managerId}/tier", new { tier = "SecondLine" }), "tier");
        await Problems.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email = $"op-{Guid.NewGuid():N}@test.local", password = TechSupportApp.Password, displayName = "Op", role = "Operator",
            tier = "SecondLine",
        }), "tier");
        await Problems.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email = $"eng-{Guid.NewGuid():N}@test.local", password = TechSupportApp.Password, displayName = "Eng", role = "Engineer",
            tier = "Fourth",
        }), "tier");
        Assert.Equal(HttpStatusCode.NotFound,
            (await admin.PutAsJsonAsync($"/api/v1/admin/users/{Guid.NewGuid()}/tier", new { tier = "SecondLine" })).StatusCode);
        var (manager, _) = await app.UserAsync(Role.Manager);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await manager.PutAsJsonAsync($"/api/v1/admin/users/{engineerId}/tier", new { tier = "SecondLine" })).StatusCode);

        var unchanged = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users")).GetProperty("items").EnumerateArray()
            .Single(u => u.GetProperty("id").GetGuid() == engineerId);
        Assert.Equal("FirstLine", unchanged.GetProperty("tier").GetString());
    }

    [Fact]
    public async Task An_acknowledgement_reaches_the_reporter_by_email_through_a_real_smtp_server()
    {
        await using var mailbox = new SmtpMailbox();
        await mailbox.StartAsync();
        await using var mailApp = await MailAppAsync(mailbox.Port);
        var (engineer, _) = await mailApp.UserAsync(Role.Engineer);
        var (reporter, _) = await mailApp.UserAsync(Role.Operator);
        var email = await EmailAsync(reporter);
        var manager = (await mailApp.UserAsync(Role.Manager)).Client;
        var fault = await LogAsync(reporter, suiteId: await new SuiteBuilder().SendAsync(manager), title: "SDI output B drops to black");

        (await engineer.PostAsync($"/api/v1/faults/{fault.Id}/acknowledge", null)).EnsureSuccessStatusCode();

        var mail = await mailbox.WaitForAsync(m => SmtpMailbox.To(m).Contains(email));
        Assert.Contains(fault.Number, mail.Subject, StringComparison.Ordinal);
        Assert.Equal("techsupport@facility.test", mail.From.Mailboxes.Single().Address);
        // A Standard fault may say what it is about.
        Assert.Contains("SDI output B drops to black", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://techsupport.facility.test/faults/{fault.Number}", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_email_about_a_confidential_fault_carries_its_number_and_a_link_but_never_its_title_or_symptoms()
    {
        await using var mailbox = new SmtpMailbox();
        await mailbox.StartAsync();
        await using var mailApp = await MailAppAsync(mailbox.Port);
        var manager = (await mailApp.UserAsync(Role.Manager)).Client;
        var productionId = await new ProductionBuilder().Classified(Classification.Confidential).SendAsync(manager);
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var (engineer, _) = await mailApp.UserAsync(Role.Engineer, productionId);
        var (reporter, _) = await mailApp.UserAsync(Role.Operator, productionId);
        var (secondLine, secondLineId) = await mailApp.UserAsync(Role.Engineer, productionId);
        (await (await mailApp.AdminAsync()).PutAsJsonAsync($"/api/v1/admin/users/{secondLineId}/tier", new { tier = "SecondLine" }))
            .EnsureSuccessStatusCode();
        var fault = await LogAsync(reporter, productionId, suiteId, "Nightjar trailer grade stutters",
            "The Nightjar teaser conform drops frames on the hero shot");

        (await engineer.PostAsync($"/api/v1/faults/{fault.Id}/acknowledge", null)).EnsureSuccessStatusCode();
        (await engineer.PostAsJsonAsync($"/api/v1/faults/{fault.Id}/escalate",
            new { reason = "Nightjar delivery at risk", tier = "SecondLine" })).EnsureSuccessStatusCode();

        var reporterEmail = await EmailAsync(reporter);
        var secondLineEmail = await EmailAsync(secondLine);
        var toReporter = await mailbox.WaitForAsync(m => SmtpMailbox.To(m).Contains(reporterEmail));
        var toSecondLine = await mailbox.WaitForAsync(m => SmtpMailbox.To(m).Contains(secondLineEmail));
        foreach (var mail in new[] { toReporter, toSecondLine })
        {
            var text = mail.Subject + "\n" + mail.TextBody;
            Assert.Contains(fault.Number, mail.Subject, StringComparison.Ordinal);
            Assert.Contains($"https://techsupport.facility.test/faults/{fault.Number}", mail.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("Nightjar", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("stutters", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("drops frames", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task With_the_mail_server_down_a_change_still_lands_and_its_email_goes_out_once_when_the_server_returns()
    {
        await using var mailbox = new SmtpMailbox();
        await using var mailApp = await MailAppAsync(mailbox.Port);
        var dispatcher = mailApp.Services.GetRequiredService<MailDispatcher>();
        var (engineer, _) = await mailApp.UserAsync(Role.Engineer);
        var (reporter, _) = await mailApp.UserAsync(Role.Operator);
        var email = await EmailAsync(reporter);
        var manager = (await mailApp.UserAsync(Role.Manager)).Client;
        var fault = await LogAsync(reporter, suiteId: await new SuiteBuilder().SendAsync(manager));

        var acknowledged = await engineer.PostAsync($"/api/v1/faults/{fault.Id}/acknowledge", null);

        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal(0, await dispatcher.SendOnceAsync(CancellationToken.None));
        Assert.Equal("Acknowledged", (await reporter.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{fault.Id}"))
            .GetProperty("status").GetString());
        Assert.Equal(1, (await BellAsync(reporter)).GetProperty("unread").GetInt32());
        var waiting = await MailToAsync(mailApp, email);
        Assert.Null(waiting.SentAt);
        Assert.Equal(1, waiting.Attempts);
        Assert.NotNull(waiting.LastError);
        Assert.Equal(mailApp.Clock.GetUtcNow() + MailDispatcher.BackOff(1), waiting.NextAttemptAt);

        // Before the back-off has passed nothing is tried again, even with the server back.
        await mailbox.StartAsync();
        Assert.Equal(0, await dispatcher.SendOnceAsync(CancellationToken.None));
        Assert.Empty(mailbox.Messages);

        mailApp.Clock.Advance(MailDispatcher.BackOff(1) + TimeSpan.FromSeconds(1));
        // The dispatcher's own loop wakes on the clock too; either way the row is sent exactly once.
        await dispatcher.SendOnceAsync(CancellationToken.None);
        Assert.Equal(0, await dispatcher.SendOnceAsync(CancellationToken.None));

        var delivered = Assert.Single(mailbox.Messages);
        Assert.Equal([email], SmtpMailbox.To(delivered));
        Assert.Contains(fault.Number, delivered.Subject, StringComparison.Ordinal);
        var sent = await MailToAsync(mailApp, email);
        Assert.Equal<DateTimeOffset?>(mailApp.Clock.GetUtcNow(), sent.SentAt);
        Assert.Equal(1, sent.Attempts);
    }

    [Theory]
    [InlineData("Notifications:Smtp:Port", "0", "Notifications:Smtp:Port")]
    [InlineData("Notifications:Smtp:Port", "70000", "Notifications:Smtp:Port")]
    [InlineData("Notifications:Smtp:From", "the support desk", "Notifications:Smtp:From")]
    [InlineData("Notifications:BaseUrl", "not a url", "Notifications:BaseUrl")]
    public async Task Mail_settings_that_could_never_send_stop_the_app_at_start(string key, string value, string named)
    {
        await using var broken = new TechSupportApp()
            .With("Notifications:Smtp:Host", "127.0.0.1")
            .With(key, value);

        var failure = await Record.ExceptionAsync(broken.InitializeAsync);

        Assert.NotNull(failure);
        Assert.Contains(named, Messages(failure), StringComparison.Ordinal);
    }

    private static string Messages(Exception e) =>
        e.Message + (e.InnerException is { } inner ? "\n" + Messages(inner) : "")
        + (e is AggregateException a ? string.Join("\n", a.InnerExceptions.Select(Messages)) : "");

    private sealed record Logged(Guid Id, string Number);

    private async Task<Logged> LogAsync(HttpClient reporter, Guid? productionId = null, Guid? suiteId = null, string? title = null,
        string? symptoms = null)
    {
        var suite = suiteId ?? await new SuiteBuilder().SendAsync((await app.UserAsync(Role.Manager)).Client);
        var builder = new FaultBuilder(suite).WithSeverity(Severity.P3);
        if (productionId is { } production)
        {
            builder.For(production);
        }

        if (title is not null)
        {
            builder.Titled(title, symptoms);
        }

        var fault = await builder.SendAsync(reporter);
        return new Logged(fault.GetProperty("id").GetGuid(), fault.GetProperty("number").GetString()!);
    }

    private async Task<(HttpClient Client, Guid Id)> EngineerAsync(SupportTier tier, params Guid[] clearances)
    {
        var engineer = await app.UserAsync(Role.Engineer, clearances);
        var admin = await app.AdminAsync();
        (await admin.PutAsJsonAsync($"/api/v1/admin/users/{engineer.Id}/tier", new { tier = tier.ToString() })).EnsureSuccessStatusCode();
        return engineer;
    }

    private static async Task<JsonElement> BellAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/v1/notifications{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static JsonElement[] Items(JsonElement bell) => [.. bell.GetProperty("items").EnumerateArray()];

    private static string?[] Kinds(JsonElement bell) => [.. Items(bell).Select(n => n.GetProperty("kind").GetString())];

    private static async Task<string> EmailAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("email").GetString()!;

    private static async Task AssertSameNotFoundAsync(HttpResponseMessage hidden, HttpResponseMessage absent)
    {
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
        var a = await hidden.JsonAsync();
        var b = await absent.JsonAsync();
        Assert.Equal(b.GetProperty("title").GetString(), a.GetProperty("title").GetString());
        Assert.Equal(
            string.Join(",", b.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)),
            string.Join(",", a.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
    }

    private static async Task<TechSupportApp> MailAppAsync(int port)
    {
        var mailApp = new TechSupportApp()
            .With("Notifications:Smtp:Host", "127.0.0.1")
            .With("Notifications:Smtp:Port", port.ToString(CultureInfo.InvariantCulture))
            .With("Notifications:Smtp:From", "techsupport@facility.test")
            .With("Notifications:BaseUrl", "https://techsupport.facility.test");
        await mailApp.InitializeAsync();
        return mailApp;
    }

    private static async Task<MailMessage> MailToAsync(TechSupportApp mailApp, string to)
    {
        await using var scope = mailApp.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        return await db.MailOutbox.AsNoTracking().SingleAsync(m => m.To == to);
    }
}
