using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace TechSupport.BrowserTests.Support;

// The real app on Kestrel at 127.0.0.1 in demo mode, on a fresh data folder, and Debian's Chromium driven by
// Playwright. Playwright never downloads a browser here: a missing Chromium fails the tests and says why.
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DemoPassword = "Demo-Password-1";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserApp()
    {
        DataPath = Path.Combine(Path.GetTempPath(), "techsupport-browser-tests", Guid.NewGuid().ToString("N"));
        ScreenshotPath = Environment.GetEnvironmentVariable("TECHSUPPORT_SCREENSHOTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Path.GetTempPath(), "techsupport-screenshots");
    }

    public string DataPath { get; }

    public string ScreenshotPath { get; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser starts in InitializeAsync.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("TechSupport:DataPath", DataPath);
        builder.UseSetting("TechSupport:Demo", "true");
        builder.UseSetting("Identity:PasswordHashIterations", "1000");
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {ChromiumPath}. Run `apt-get update && apt-get install -y chromium` (as root), then run the browser tests again.");
        }

        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        BaseAddress = new Uri(address);

        Directory.CreateDirectory(ScreenshotPath);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
        });
    }

    // A fresh browser context per person, so each sign-in has its own cookies; without JavaScript, the pages
    // must still do everything.
    public async Task<IPage> SignInAsync(string email, bool javaScript = true, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            ColorScheme = ColorScheme.Dark,
            Locale = "en-GB",
            JavaScriptEnabled = javaScript,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotPath, name + ".png"), FullPage = true });

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataPath))
        {
            Directory.Delete(DataPath, recursive: true);
        }
    }
}
