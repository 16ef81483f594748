using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TechSupport.BrowserTests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace TechSupport.BrowserTests;

public sealed partial class FaultJourneyTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_operator_logs_a_fault_and_an_engineer_acknowledges_it_from_the_queue()
    {
        var clock = Stopwatch.StartNew();
        // The demo seeder may add its own suites and productions; unique names keep this test's apart.
        var tag = Guid.NewGuid().ToString("N")[..6];
        var suiteName = $"Grade 1 {tag}";
        var productionName = $"Harbour Lights {tag}";

        // Arrange through the facility page, as an administrator would.
        var admin = await app.SignInAsync("admin@demo.local");
        await admin.GotoAsync("/admin");
        await admin.GetByLabel("Suite name").FillAsync(suiteName);
        await admin.GetByLabel("Suite type").SelectOptionAsync(new SelectOptionValue { Label = "Grade" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create suite" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Suite {suiteName} created");

        await admin.GetByLabel("Suite", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = suiteName });
        await admin.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Reference monitor" });
        await admin.GetByLabel("Make").FillAsync("Sony");
        await admin.GetByLabel("Model").FillAsync($"BVM-HX3110 {tag}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add equipment" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Sony BVM-HX3110 {tag} added");

        await admin.GetByLabel("Production name").FillAsync(productionName);
        await admin.GetByLabel("Classification").SelectOptionAsync(new SelectOptionValue { Label = "Standard" });
        await admin.GetByLabel("Resolution").FillAsync("3840×2160");
        await admin.GetByLabel("Frame rate").FillAsync("25p");
        await admin.GetByLabel("Loudness target").FillAsync("-23 LUFS");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create production" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Production {productionName} created");
        await CheckAccessibilityAsync(admin, "admin");
        await admin.GotoAsync("/admin/users");
        await CheckAccessibilityAsync(admin, "admin-users");
        Step("arrange: suite, equipment and production through /admin", clock);

        // The operator lands on the log form; an empty submit shows every error next to its field.
        var operatorPage = await app.SignInAsync("operator@demo.local");
        await Expect(operatorPage).ToHaveURLAsync(LogFormUrl());
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Log fault" }).ClickAsync();
        await Expect(operatorPage.GetByRole(AriaRole.Alert)).ToContainTextAsync("Pick the suite the fault is in.");
        await Expect(operatorPage.GetByLabel("Title")).ToHaveAttributeAsync("aria-invalid", "true");
        await CheckAccessibilityAsync(operatorPage, "log-form-errors");

        await operatorPage.GetByLabel("Suite", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = suiteName });
        await operatorPage.GetByLabel("Equipment").SelectOptionAsync(new SelectOptionValue { Label = $"Sony BVM-HX3110 {tag} (Reference monitor)" });
        await operatorPage.GetByLabel("Production").SelectOptionAsync(new SelectOptionValue { Label = productionName });
        await operatorPage.GetByLabel("Title").FillAsync("No SDI output to the grading monitor");
        await operatorPage.GetByLabel("Symptoms").FillAsync("The BVM went black at 14:00 mid-session; the I/O card reports no signal.");
        await operatorPage.GetByLabel("Workflow stage").SelectOptionAsync(new SelectOptionValue { Label = "Grade" });
        await operatorPage.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Signal / video I/O" });
        await operatorPage.GetByLabel("Severity").SelectOptionAsync(new SelectOptionValue { Label = "P1 – session stopped" });
        await operatorPage.GetByLabel("Session hours lost").FillAsync("1.5");
        await CheckAccessibilityAsync(operatorPage, "log-form");
        // Submitted from the keyboard, as an operator with a client in the room might.
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Log fault" }).FocusAsync();
        await operatorPage.Keyboard.PressAsync("Enter");

        var logged = operatorPage.GetByRole(AriaRole.Status);
        await Expect(logged).ToHaveTextAsync(LoggedMessage());
        var number = LoggedMessage().Match(await logged.InnerTextAsync()).Groups["number"].Value;
        await Expect(operatorPage.GetByText(number, new() { Exact = true })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(operatorPage, "fault-logged");

        await operatorPage.GotoAsync("/faults/new");
        await Expect(operatorPage.GetByLabel("Suite", new() { Exact = true }).Locator("option:checked")).ToHaveTextAsync(suiteName);
        Step($"operator: log {number} through the form", clock);

        // The engineer finds it in the queue, opens it and acknowledges it.
        var engineer = await app.SignInAsync("engineer@demo.local");
        await Expect(engineer).ToHaveURLAsync(QueueUrl());
        await engineer.GetByLabel("Suite").SelectOptionAsync(new SelectOptionValue { Label = suiteName });
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var row = engineer.GetByRole(AriaRole.Row).Filter(new() { HasText = number });
        await Expect(row).ToContainTextAsync("P1 stopped");
        await Expect(row).ToContainTextAsync("New");
        await CheckAccessibilityAsync(engineer, "queue");

        await row.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Expect(engineer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("No SDI output to the grading monitor");
        await CheckAccessibilityAsync(engineer, "fault-detail");
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(engineer.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Fault {number} acknowledged");

        var timeline = engineer.GetByRole(AriaRole.Region, new() { Name = "Timeline" }).GetByRole(AriaRole.Listitem);
        var acknowledged = timeline.Filter(new() { HasText = "Acknowledged" });
        await Expect(acknowledged).ToHaveCountAsync(1);
        await Expect(acknowledged).ToContainTextAsync("Erin Engineer");
        await Expect(engineer.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(0);
        await CheckAccessibilityAsync(engineer, "fault-acknowledged");
        Step($"engineer: find {number} in the queue and acknowledge it", clock);

        output.WriteLine($"Screenshots: {app.ScreenshotPath}");
    }

    private Task CheckAccessibilityAsync(IPage page, string name) => app.CheckAccessibilityAsync(page, name, output);

    private void Step(string what, Stopwatch clock)
    {
        output.WriteLine($"{clock.ElapsedMilliseconds,6} ms  {what}");
        clock.Restart();
    }

    [GeneratedRegex(@"^Fault (?<number>TS-\d+) logged$")]
    private static partial Regex LoggedMessage();

    [GeneratedRegex(@"/faults/new$")]
    private static partial Regex LogFormUrl();

    [GeneratedRegex(@"/faults$")]
    private static partial Regex QueueUrl();
}
