using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// E4 on the pages: a health-and-safety fault takes its suite out of service, the suite says so wherever it is
// listed and is never offered as the default on the log form, and a manager's sign-off returns it to service.
public sealed class OutOfServiceTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task A_health_and_safety_fault_marks_its_suite_out_of_service_and_the_log_form_no_longer_preselects_it()
    {
        var (hazard, other) = await SuitesAsync();
        var (email, _) = await app.AccountAsync(Role.Operator);
        var pages = await PageSession.SignInAsync(app, email);

        await LogAsync(pages, other, healthAndSafety: false);
        Assert.Equal(other, SelectedSuite(await pages.OpenAsync("/faults/new")));

        var faultPage = await LogAsync(pages, hazard, healthAndSafety: true);
        var notice = faultPage.Text("p#health-and-safety");
        Assert.Contains("is out of service since", notice, StringComparison.Ordinal);
        Assert.Contains("Closing the fault needs a manager's sign-off", notice, StringComparison.Ordinal);
        var faultId = FaultIdOf(faultPage);

        // The form remembers the suite last logged from, but never offers one out of service as the default.
        var form = await pages.OpenAsync("/faults/new");
        Assert.Null(SelectedSuite(form));
        Assert.Contains("(out of service since", OptionText(form, hazard), StringComparison.Ordinal);
        Assert.DoesNotContain("out of service", OptionText(form, other), StringComparison.Ordinal);
        Assert.NotNull(form.Get("span#SuiteId-hint").QuerySelector($"a[href='/faults/{faultId}']"));

        var facility = await pages.OpenAsync("/admin");
        var hazardCard = SuiteCard(facility, hazard);
        Assert.Contains("Out of service since", HtmlPage.Normalise(hazardCard.TextContent), StringComparison.Ordinal);
        Assert.NotNull(hazardCard.QuerySelector($"[href='/faults/{faultId}']"));
        Assert.DoesNotContain("Out of service", HtmlPage.Normalise(SuiteCard(facility, other).TextContent), StringComparison.Ordinal);

        var suite = await SuiteAsync(await app.SignInAsync(email), hazard);
        Assert.Equal(app.Clock.GetUtcNow(), suite.GetProperty("outOfServiceSince").GetDateTimeOffset());
        Assert.Equal(faultId, suite.GetProperty("outOfServiceFaultId").GetGuid());
    }

    [Fact]
    public async Task A_managers_sign_off_on_closing_the_fault_returns_the_suite_to_service()
    {
        var (hazard, _) = await SuitesAsync();
        var (operatorEmail, _) = await app.AccountAsync(Role.Operator);
        var operatorPages = await PageSession.SignInAsync(app, operatorEmail);
        var faultId = FaultIdOf(await LogAsync(operatorPages, hazard, healthAndSafety: true));
        var (engineerEmail, _) = await app.AccountAsync(Role.Engineer);
        var engineer = await app.SignInAsync(engineerEmail);
        (await engineer.PostAsJsonAsync($"/api/v1/faults/{faultId}/resolve", new { fix = "Replaced the cracked PSU; PAT tested." }))
            .EnsureSuccessStatusCode();

        var engineerPages = await PageSession.SignInAsync(app, engineerEmail);
        var refused = await engineerPages.PostAsync($"/faults/{faultId}?handler=Close", new() { ["Version"] = await VersionAsync(engineer, faultId) });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("A health-and-safety fault needs a manager to sign off its closing.", refused.Text(), StringComparison.Ordinal);
        Assert.True((await SuiteAsync(engineer, hazard)).TryGetProperty("outOfServiceSince", out var still) && still.ValueKind != JsonValueKind.Null);

        var (managerEmail, _) = await app.AccountAsync(Role.Manager);
        var managerPages = await PageSession.SignInAsync(app, managerEmail);
        var before = await managerPages.OpenAsync($"/faults/{faultId}");
        Assert.Contains("returns", before.Text("form[action*='?handler=Close']"), StringComparison.Ordinal);
        var closed = await managerPages.FollowAsync(await managerPages.PostAsync($"/faults/{faultId}?handler=Close",
            new() { ["Version"] = before.Value("Version") }));

        var text = closed.Text();
        Assert.Contains("closed", text, StringComparison.Ordinal);
        Assert.Contains("is back in service", text, StringComparison.Ordinal);
        Assert.Contains("A manager signed the fault off when it was closed.", closed.Text("p#health-and-safety"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await SuiteAsync(engineer, hazard)).GetProperty("outOfServiceSince").ValueKind);
        Assert.DoesNotContain("Out of service", HtmlPage.Normalise(SuiteCard(await operatorPages.OpenAsync("/admin"), hazard).TextContent),
            StringComparison.Ordinal);
        var form = await operatorPages.OpenAsync("/faults/new");
        Assert.Equal(hazard, SelectedSuite(form));
        Assert.DoesNotContain("out of service", OptionText(form, hazard), StringComparison.Ordinal);
    }

    public static TheoryData<Role, Classification, bool, bool> Viewers => new()
    {
        { Role.Operator, Classification.Confidential, false, false },
        { Role.Operator, Classification.Confidential, true, true },
        { Role.Engineer, Classification.Confidential, false, false },
        { Role.Engineer, Classification.Confidential, true, true },
        { Role.Manager, Classification.Confidential, false, true },
        { Role.Manager, Classification.Restricted, false, false },
        { Role.Admin, Classification.Confidential, false, true },
        { Role.Admin, Classification.Restricted, false, false },
    };

    // S3: that the suite is out of service is for everyone who may walk into it; the fault only for those who may see it.
    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task Everyone_sees_the_suite_out_of_service_but_only_those_who_may_see_the_fault_are_pointed_to_it(Role role,
        Classification classification, bool cleared, bool seesFault)
    {
        var (hazard, _) = await SuitesAsync();
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var productionId = await new ProductionBuilder().Classified(classification).SendAsync(manager);
        var reporter = (await app.UserAsync(Role.Operator, productionId)).Client;
        var faultId = (await new FaultBuilder(hazard).For(productionId).AsHealthAndSafety().SendAsync(reporter)).GetProperty("id").GetGuid();
        var (email, _) = cleared ? await app.AccountAsync(role, productionId) : await app.AccountAsync(role);

        var suite = await SuiteAsync(await app.SignInAsync(email), hazard);
        Assert.NotEqual(JsonValueKind.Null, suite.GetProperty("outOfServiceSince").ValueKind);
        Assert.Equal(seesFault ? faultId.ToString() : null, suite.GetProperty("outOfServiceFaultId").GetString());

        var pages = await PageSession.SignInAsync(app, email);
        var card = SuiteCard(await pages.OpenAsync("/admin"), hazard);
        Assert.Contains("Out of service since", HtmlPage.Normalise(card.TextContent), StringComparison.Ordinal);
        Assert.Equal(seesFault, card.OuterHtml.Contains(faultId.ToString(), StringComparison.Ordinal));
        var form = await pages.OpenAsync("/faults/new");
        Assert.Contains("(out of service since", OptionText(form, hazard), StringComparison.Ordinal);
        Assert.Equal(seesFault, form.Source.Contains(faultId.ToString(), StringComparison.Ordinal));
    }

    private async Task<(Guid Hazard, Guid Other)> SuitesAsync()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        return (await new SuiteBuilder().SendAsync(manager), await new SuiteBuilder().OfType(SuiteType.AudioMix).SendAsync(manager));
    }

    // Logs through the form, as an operator at the suite would; answers the fault page it lands on.
    private static async Task<HtmlPage> LogAsync(PageSession pages, Guid suiteId, bool healthAndSafety) =>
        await pages.FollowAsync(await pages.PostAsync("/faults/new", new()
        {
            ["SuiteId"] = suiteId.ToString(),
            ["Title"] = healthAndSafety ? "Smoke from the grading monitor's PSU" : "Scopes freeze on playback",
            ["Symptoms"] = healthAndSafety ? "Burning smell and a wisp of smoke behind the BVM; power is off at the wall." : "Scopes stop updating after a minute.",
            ["WorkflowStage"] = "Grade",
            ["Category"] = "Hardware",
            ["Severity"] = "P2",
            ["HealthAndSafety"] = healthAndSafety ? "true" : "false",
        }));

    // The fault's own forms post to its handlers.
    private static Guid FaultIdOf(HtmlPage faultPage) =>
        faultPage.Document.QuerySelectorAll("form[action*='?handler=']")
            .Select(f => System.Text.RegularExpressions.Regex.Match(f.GetAttribute("action")!, "^/faults/([0-9a-f-]{36})\\?handler="))
            .Where(m => m.Success).Select(m => Guid.Parse(m.Groups[1].Value)).First();

    private static Guid? SelectedSuite(HtmlPage form) =>
        Guid.TryParse(form.Find("select[name=SuiteId] option[selected]")?.GetAttribute("value"), out var suiteId) ? suiteId : null;

    private static string OptionText(HtmlPage form, Guid suiteId) => form.Text($"select[name=SuiteId] option[value='{suiteId}']");

    private static AngleSharp.Dom.IElement SuiteCard(HtmlPage facility, Guid suiteId) =>
        facility.Get($"article[aria-labelledby='suite-{suiteId}']");

    private static async Task<JsonElement> SuiteAsync(HttpClient client, Guid suiteId) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/suites")).GetProperty("items").EnumerateArray()
        .Single(s => s.GetProperty("id").GetGuid() == suiteId);

    private static async Task<string> VersionAsync(HttpClient api, Guid faultId) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{faultId}")).GetProperty("version").GetInt32()
        .ToString(System.Globalization.CultureInfo.InvariantCulture);
}
