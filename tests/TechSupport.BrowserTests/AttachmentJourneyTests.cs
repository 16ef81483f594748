using Microsoft.Playwright;
using TechSupport.BrowserTests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace TechSupport.BrowserTests;

// Attaching files on the fault page in a real browser: the plain form without script, and files dropped on it
// with script, where the page's Content-Security-Policy must let the static script run.
public sealed class AttachmentJourneyTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_operator_attaches_a_log_to_a_fault_and_downloads_it_again(bool javaScript)
    {
        var page = await app.SignInAsync("operator@demo.local", javaScript);
        page.SetDefaultTimeout(20_000);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await page.GotoAsync("/faults");
        // A Standard fault: a security incident the operator reported would have its attachments locked (E5).
        await page.Locator("tbody tr", new() { Has = page.Locator(".class-standard") }).Locator("td.num a").First.ClickAsync();
        var name = $"resolve-{Guid.NewGuid():N}.log";
        var log = "2026-11-23 10:02:12 [ERROR] DaVinci Resolve: dropped 14 frames during playback\n"u8.ToArray();

        if (javaScript)
        {
            // What a drop from the desktop hands the page: a DataTransfer holding the file.
            await page.Locator("#attach-form").EvaluateAsync("""
                (form, [name, text]) => {
                  const files = new DataTransfer();
                  files.items.add(new File([text], name, { type: 'text/plain' }));
                  form.dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
                }
                """, new object[] { name, System.Text.Encoding.UTF8.GetString(log) });
            await Expect(page.Locator(".drop-hint")).ToHaveTextAsync("Or drop files here.");
        }
        else
        {
            await page.GetByLabel("Attach files").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/plain", Buffer = log });
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Attach", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{name} attached to TS-");
        var link = page.Locator("#attachments a.file-name", new() { HasText = name });
        await Expect(link).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal(name, download.SuggestedFilename);
        Assert.Equal(log, await File.ReadAllBytesAsync((await download.PathAsync())!));

        if (javaScript)
        {
            // axe runs in the page, so only where script does.
            await app.CheckAccessibilityAsync(page, "fault-attachments", output);
        }

        Assert.Empty(errors);
    }
}
