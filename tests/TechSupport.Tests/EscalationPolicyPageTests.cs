using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

public sealed class EscalationPolicyPageTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    private const string Page = "/admin/escalation-policy";

    [Fact]
    public async Task An_admin_sees_the_policy_in_force_and_saves_a_change_that_gives_open_faults_new_targets()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var fault = await new FaultBuilder(suiteId).WithSeverity(Severity.P1).SendAsync(manager);
        var admin = await app.PagesAsync(Role.Admin);

        // Before any change: DESIGN's defaults, with the minutes spelled out.
        var page = await admin.GetAsync(Page);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var form = page.Form();
        Assert.Equal("Europe/London", form["Policy.TimeZone"]);
        Assert.Equal("08:00", form["Policy.BusinessHours.Monday.Start"]);
        Assert.Equal("19:00", form["Policy.BusinessHours.Friday.End"]);
        Assert.Equal("false", form["Policy.BusinessHours.Sunday.Open"]);
        Assert.Equal("15", form["Policy.Targets.P1.AcknowledgeMinutes"]);
        Assert.Equal("24x7", form["Policy.Targets.P1.Calendar"]);
        Assert.Equal("business", form["Policy.Targets.P3.Calendar"]);
        Assert.Equal("", form["Policy.Targets.P3.RestoreMinutes"]);
        Assert.Contains("2026-12-25", form["Policy.Holidays"], StringComparison.Ordinal);
        Assert.Equal("240 min = 4 h", page.Text("#Policy_Targets_P1_ResolveMinutes-hint"));
        Assert.Equal("1980 min = 3 business days of 11 h", page.Text("#Policy_Targets_P3_ResolveMinutes-hint"));

        form["Policy.Targets.P1.AcknowledgeMinutes"] = "30";
        form["Policy.BusinessHours.Saturday.Open"] = "true";
        form["Policy.BusinessHours.Saturday.Start"] = "09:00";
        form["Policy.BusinessHours.Saturday.End"] = "13:00";

        var saved = await admin.SubmitAsync(form);

        Assert.Equal("Policy saved; open faults have new targets", saved.Notice);
        Assert.Equal("30", saved.Form()["Policy.Targets.P1.AcknowledgeMinutes"]);
        var policy = await (await app.AdminAsync()).GetFromJsonAsync<JsonElement>("/api/v1/admin/escalation-policy");
        Assert.Equal(30, policy.GetProperty("targets").GetProperty("P1").GetProperty("acknowledgeMinutes").GetInt32());
        Assert.Equal("09:00", policy.GetProperty("businessHours").GetProperty("saturday").GetProperty("start").GetString());
        var retargeted = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{fault.GetProperty("id").GetGuid()}");
        Assert.Equal(fault.GetProperty("createdAt").GetDateTimeOffset().AddMinutes(30),
            retargeted.GetProperty("targets").GetProperty("acknowledgeBy").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_negative_target_and_an_unknown_time_zone_are_shown_beside_their_fields_and_nothing_changes()
    {
        var admin = await app.PagesAsync(Role.Admin);
        var before = await (await app.AdminAsync()).GetStringAsync("/api/v1/admin/escalation-policy");
        var form = (await admin.GetAsync(Page)).Form();
        form["Policy.Targets.P2.AcknowledgeMinutes"] = "-5";
        form["Policy.TimeZone"] = "Europe/Atlantis";
        form["Policy.BusinessHours.Monday.End"] = "07:00";
        form["Policy.Holidays"] = "2026-12-25\n2026-13-40";

        var refused = await admin.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal(Page, refused.Url.AbsolutePath);
        Assert.Contains("between 1 and", refused.Text("#Policy_Targets_P2_AcknowledgeMinutes-error"), StringComparison.Ordinal);
        Assert.Equal("true", refused.Get("#Policy_Targets_P2_AcknowledgeMinutes").GetAttribute("aria-invalid"));
        Assert.Contains("'Europe/Atlantis' is not a time zone", refused.Text("#Policy_TimeZone-error"), StringComparison.Ordinal);
        Assert.Contains("after the opening time", refused.Text("#Policy_BusinessHours_Monday_End-error"), StringComparison.Ordinal);
        Assert.Contains("'2026-13-40' is not a date", refused.Text("#Policy_Holidays-error"), StringComparison.Ordinal);
        // The form keeps what was typed, and the summary right above it links each problem to its field.
        Assert.Equal("-5", refused.Form()["Policy.Targets.P2.AcknowledgeMinutes"]);
        var summary = refused.Get("main form.policy-form").PreviousElementSibling;
        Assert.NotNull(summary);
        Assert.Equal("alert", summary.GetAttribute("role"));
        var links = summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("#Policy_Targets_P2_AcknowledgeMinutes", links);
        Assert.Contains("#Policy_TimeZone", links);
        Assert.Contains("#Policy_Holidays", links);
        Assert.Contains("P2 acknowledge:", summary.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await (await app.AdminAsync()).GetStringAsync("/api/v1/admin/escalation-policy"));
    }

    [Fact]
    public async Task A_week_with_no_open_day_is_refused_at_the_business_hours()
    {
        var admin = await app.PagesAsync(Role.Admin);
        var form = (await admin.GetAsync(Page)).Form();
        foreach (var day in new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" })
        {
            form[$"Policy.BusinessHours.{day}.Open"] = "false";
        }

        var refused = await admin.SubmitAsync(form);

        Assert.Contains("At least one day needs working hours", refused.Text("#Policy_BusinessHours-error"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.Engineer)]
    [InlineData(Role.Manager)]
    public async Task Anyone_but_an_admin_is_refused_the_policy_page_and_cannot_post_to_it(Role role)
    {
        var user = await app.PagesAsync(role);
        var before = await (await app.AdminAsync()).GetStringAsync("/api/v1/admin/escalation-policy");

        var page = await user.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Null(page.Find("input[name='Policy.TimeZone']"));
        // A valid form, with this user's own antiforgery token from the sign-out form every page carries.
        var admin = await app.PagesAsync(Role.Admin);
        var form = (await admin.GetAsync(Page)).Form();
        var token = (await user.GetAsync("/faults")).Form("form[action='/account/logout']")["__RequestVerificationToken"];
        form["__RequestVerificationToken"] = token;
        form["Policy.Targets.P1.AcknowledgeMinutes"] = "1";

        var posted = await user.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
        Assert.Equal(before, await (await app.AdminAsync()).GetStringAsync("/api/v1/admin/escalation-policy"));
    }

    [Fact]
    public async Task The_facility_page_links_an_admin_to_the_policy()
    {
        var admin = await app.PagesAsync(Role.Admin);

        var facility = await admin.GetAsync("/admin");

        Assert.NotNull(facility.Find($"main a[href='{Page}']"));
    }
}
