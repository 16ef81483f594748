using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace TechSupport.BrowserTests.Support;

public static class Accessibility
{
    // Saves a screenshot to look at, then fails on any serious or critical axe violation.
    public static async Task CheckAccessibilityAsync(this BrowserApp app, IPage page, string name, ITestOutputHelper output)
    {
        await app.ScreenshotAsync(page, name);
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        output.WriteLine($"axe {name}: {result.Violations.Length} violation(s), {bad.Count} serious or critical"
            + string.Concat(result.Violations.Select(v => $"\n  {v.Impact} {v.Id}: {v.Help}")));
        Assert.True(bad.Count == 0, $"axe on {name} ({page.Url}):\n" + string.Join("\n", bad.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }
}
