using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TechSupport.BrowserTests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace TechSupport.BrowserTests;

public sealed partial class NotificationJourneyTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_operator_sees_an_acknowledgement_in_the_bell_opens_it_and_marks_it_read()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var operatorPage = await app.SignInAsync("operator@demo.local");
        await operatorPage.GetByLabel("Suite", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await operatorPage.GetByLabel("Title").FillAsync($"Audio drifts out of sync on the dub stage playback {tag}");
        await operatorPage.GetByLabel("Symptoms").FillAsync("Picture and sound drift apart by two frames an hour.");
        await operatorPage.GetByLabel("Workflow stage").SelectOptionAsync(new SelectOptionValue { Label = "Audio" });
        await operatorPage.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Audio" });
        await operatorPage.GetByLabel("Severity").SelectOptionAsync(new SelectOptionValue { Label = "P3 – minor, work goes on" });
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Log fault" }).ClickAsync();
        var logged = operatorPage.GetByRole(AriaRole.Status);
        await Expect(logged).ToHaveTextAsync(LoggedMessage());
        var number = LoggedMessage().Match(await logged.InnerTextAsync()).Groups["number"].Value;
        var faultUrl = operatorPage.Url;

        var engineer = await app.SignInAsync("engineer@demo.local");
        await engineer.GotoAsync(faultUrl);
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(engineer.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Fault {number} acknowledged");

        // The count is in the link's name, so a screen reader hears "Notifications 3 unread".
        await operatorPage.GotoAsync("/faults/new");
        var bell = operatorPage.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { NameRegex = BellName() });
        await Expect(bell).ToBeVisibleAsync();
        var before = int.Parse(BellName().Match(await bell.InnerTextAsync()).Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture);
        await bell.ClickAsync();
        var row = operatorPage.GetByRole(AriaRole.Row).Filter(new() { HasText = number });
        await Expect(row).ToContainTextAsync("Acknowledged");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = number, Exact = true })).ToHaveAttributeAsync("href", new Uri(faultUrl).AbsolutePath);
        await app.CheckAccessibilityAsync(operatorPage, "notifications", output);

        await row.GetByRole(AriaRole.Button, new() { Name = "Mark read" }).ClickAsync();

        await Expect(operatorPage.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Marked {number} read");
        await Expect(operatorPage.GetByRole(AriaRole.Row).Filter(new() { HasText = number }).GetByRole(AriaRole.Button))
            .ToHaveCountAsync(0);
        var after = before - 1;
        await Expect(operatorPage.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
                .GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Notifications") }))
            .ToHaveAccessibleNameAsync(after == 0 ? "Notifications" : $"Notifications {after} unread");
    }

    [Fact]
    public async Task An_admin_sets_the_tier_an_engineer_works_on_the_users_page()
    {
        var admin = await app.SignInAsync("admin@demo.local");
        await admin.GotoAsync("/admin/users");

        await admin.GetByLabel("Tier Erin Engineer works").SelectOptionAsync(new SelectOptionValue { Label = "Second line" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save tier for Erin Engineer" }).ClickAsync();

        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Erin Engineer now works Second line");
        await Expect(admin.GetByLabel("Tier Erin Engineer works").Locator("option:checked")).ToHaveTextAsync("Second line");
        await app.CheckAccessibilityAsync(admin, "admin-users-tier", output);
    }

    [GeneratedRegex(@"^Fault (?<number>TS-\d+) logged$")]
    private static partial Regex LoggedMessage();

    [GeneratedRegex(@"^Notifications\s*(?<count>\d+)\s*unread$")]
    private static partial Regex BellName();
}
