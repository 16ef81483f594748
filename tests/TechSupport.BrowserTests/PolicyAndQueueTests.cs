using Microsoft.Playwright;
using TechSupport.BrowserTests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace TechSupport.BrowserTests;

public sealed class PolicyAndQueueTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_admin_corrects_a_mistyped_time_zone_on_the_policy_page_and_saves()
    {
        var admin = await app.SignInAsync("admin@demo.local");
        await admin.GotoAsync("/admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Escalation policy" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Escalation policy");
        await Expect(admin.GetByLabel("Acknowledge within (min) for P1")).ToHaveValueAsync("15");
        await app.CheckAccessibilityAsync(admin, "escalation-policy", output);

        await admin.GetByLabel("Time zone").FillAsync("Europe/Londn");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("'Europe/Londn' is not a time zone");
        await Expect(admin.GetByLabel("Time zone")).ToHaveAttributeAsync("aria-invalid", "true");
        await app.CheckAccessibilityAsync(admin, "escalation-policy-error", output);

        await admin.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(admin.GetByLabel("Time zone")).ToBeFocusedAsync();
        await admin.GetByLabel("Time zone").FillAsync("Europe/London");
        await admin.GetByLabel("Acknowledge within (min) for P4").FillAsync("600");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Policy saved; open faults have new targets");
        await Expect(admin.GetByLabel("Acknowledge within (min) for P4")).ToHaveValueAsync("600");

        var phone = await app.SignInAsync("admin@demo.local", viewport: new ViewportSize { Width = 390, Height = 844 });
        await phone.GotoAsync("/admin/escalation-policy");
        await Expect(phone.GetByLabel("Opens on Monday")).ToBeVisibleAsync();
        var pageWidth = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 390, $"The policy page scrolls sideways on a phone: {pageWidth} px wide.");
        await app.ScreenshotAsync(phone, "escalation-policy-phone");
    }

    [Fact]
    public async Task On_a_phone_the_queue_keeps_number_title_severity_status_and_next_target_in_view()
    {
        var engineer = await app.SignInAsync("engineer@demo.local", viewport: new ViewportSize { Width = 390, Height = 844 });
        await engineer.GotoAsync("/faults");
        await Expect(engineer.Locator("table.queue caption")).ToContainTextAsync("most at risk first");

        var row = engineer.Locator("table.queue tbody tr").First;
        foreach (var cell in new[] { "td.num a", "td.q-title", "td.q-sev .badge", "td.q-status", "td.q-next" })
        {
            var box = await row.Locator(cell).BoundingBoxAsync();
            Assert.True(box is not null, $"{cell} is not shown");
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"{cell} runs off a 390 px screen: x {box.X}, width {box.Width}");
        }

        var pageWidth = await engineer.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 390, $"The page scrolls sideways: {pageWidth} px wide.");
        await app.CheckAccessibilityAsync(engineer, "queue-phone", output);
    }
}
