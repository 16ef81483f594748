using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Data;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// Issue 9: a Restricted fault whose every text holds a word found nowhere else (in its title, symptoms,
// comment, workaround, resolution and the article promoted from it) is worked on, escalated and
// notified; then every role that is not cleared walks every route it can reach, API and pages, and
// the word never comes back: not in search hits, facets, suggestions, similar faults, notifications,
// e-mail, briefings, error messages, redirects or page HTML.
public sealed class CanaryTests(CanaryTests.World world) : IClassFixture<CanaryTests.World>
{
    public const string Canary = "Quaxlorin";

    // A word of the same length in nothing stored: a page that echoes the query shows it as often as
    // it shows the canary when nothing leaks.
    public const string Control = "Vemtirask";

    public static TheoryData<Role> UnclearedRoles() => new() { Role.Operator, Role.Engineer, Role.Manager, Role.Admin };

    [Fact]
    public async Task The_cleared_engineer_finds_the_word_so_the_walk_below_can_fail()
    {
        var hits = await world.Cleared.GetStringAsync($"/api/v1/search?q={Canary}");
        var page = await world.PagesClient(world.Cleared).GetStringAsync($"/search?q={Canary}");

        Assert.Contains(Canary, hits, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Canary, page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Canary, await world.Cleared.GetStringAsync($"/api/v1/faults/{world.Hidden}/briefing"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Canary, await world.Cleared.GetStringAsync($"/api/v1/attachments/{world.Attachment}"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(UnclearedRoles))]
    public async Task No_route_a_role_can_reach_gives_the_word_back_to_someone_not_cleared(Role role)
    {
        var client = await world.ClientAsync(role);
        var pages = world.PagesClient(client);
        var leaks = new List<string>();
        async Task CheckAsync(string label, HttpResponseMessage response, int echoes = 0)
        {
            var body = await response.Content.ReadAsStringAsync();
            var location = response.Headers.Location?.ToString() ?? "";
            if (Count(body, Canary) > echoes || location.Contains(Canary, StringComparison.OrdinalIgnoreCase))
            {
                leaks.Add($"{label} ({(int)response.StatusCode})");
            }

            Assert.True((int)response.StatusCode < 500, $"{label} answered {(int)response.StatusCode}");
        }

        async Task<int> EchoesAsync(HttpClient http, string path) =>
            Count(await http.GetStringAsync(path.Replace(Canary, Control, StringComparison.Ordinal)), Control);

        var walked = 0;
        foreach (var (path, isPage) in world.GetRoutesWithoutParameters())
        {
            foreach (var query in new[] { "", $"?q={Canary}", $"?q={World.TitleWords}" })
            {
                walked++;
                var http = isPage ? pages : client;
                var response = await http.GetAsync(path + query);
                await CheckAsync(path + query, response,
                    query.Contains(Canary, StringComparison.Ordinal) && response.IsSuccessStatusCode ? await EchoesAsync(http, path + query) : 0);
            }
        }

        foreach (var text in new[] { Canary, World.TitleWords })
        {
            await CheckAsync("suggestions " + text, await client.PostAsJsonAsync("/api/v1/search/suggestions",
                new { suiteId = world.Suite, title = text, symptoms = text }));
            var facets = $"/api/v1/search?q={text}&kind=fault&pageSize=50";
            await CheckAsync("search facets " + text, await client.GetAsync(facets), await EchoesAsync(client, facets));
        }

        await CheckAsync("similar", await client.GetAsync($"/api/v1/faults/{world.Twin}/similar"));
        await CheckAsync("twin's briefing", await client.GetAsync($"/api/v1/faults/{world.Twin}/briefing"));
        await CheckAsync("twin's page", await pages.GetAsync($"/faults/{world.Twin}"));
        await CheckAsync("hidden fault", await client.GetAsync($"/api/v1/faults/{world.Hidden}"));
        await CheckAsync("hidden fault's page", await pages.GetAsync($"/faults/{world.Hidden}"));
        await CheckAsync("hidden fault by number", await pages.GetAsync($"/faults/{world.HiddenNumber.ToLowerInvariant()}"));
        await CheckAsync("comment on the hidden fault", await client.PostAsJsonAsync($"/api/v1/faults/{world.Hidden}/comments", new { text = "hello" }));
        await CheckAsync("hidden article", await client.GetAsync($"/api/v1/articles/{world.Article}"));
        await CheckAsync("hidden attachment", await client.GetAsync($"/api/v1/attachments/{world.Attachment}"));
        await CheckAsync("hidden attachment's page link", await pages.GetAsync($"/attachments/{world.Attachment}"));
        await CheckAsync("hidden fault's attachments", await client.GetAsync($"/api/v1/faults/{world.Hidden}/attachments"));
        await CheckAsync("log a fault naming the hidden production", await client.PostAsJsonAsync("/api/v1/faults",
            new { suiteId = world.Suite, title = "x", symptoms = "y", category = "Os", severity = "P3", productionId = world.Production }));

        Assert.True(walked > 40, $"only {walked} requests walked");
        Assert.True(leaks.Count == 0, $"The word came back to a {role}: " + string.Join(", ", leaks));
    }

    [Fact]
    public async Task No_notification_or_e_mail_about_the_fault_carries_the_word_and_only_the_cleared_were_told()
    {
        await using var scope = world.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        var notified = await db.Notifications.Where(n => n.FaultId == world.Hidden).Select(n => new { n.UserId, n.Text }).ToListAsync();
        var mail = await db.MailOutbox.Select(m => m.Subject + " " + m.Body).ToListAsync();

        Assert.NotEmpty(notified);
        Assert.All(notified, n => Assert.Contains(n.UserId, world.MayKnow));
        Assert.All(notified, n => Assert.DoesNotContain(Canary, n.Text, StringComparison.OrdinalIgnoreCase));
        Assert.All(mail, m => Assert.DoesNotContain(Canary, m, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void No_log_line_written_while_the_fault_was_worked_and_walked_carries_the_word()
    {
        var lines = world.Logs.Lines;

        Assert.True(lines.Count > 100, $"only {lines.Count} log lines captured");
        Assert.DoesNotContain(lines, l => l.Contains(Canary, StringComparison.OrdinalIgnoreCase));
    }

    public sealed class CapturedLogs : Microsoft.Extensions.Logging.ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> lines) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId,
                TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + " " + exception);
        }
    }

    private static int Count(string text, string word)
    {
        var count = 0;
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }

    public sealed class World : TechSupportApp, IAsyncLifetime
    {
        public const string TitleWords = "genlock drifts on the grading monitor";

        // The walk outlasts the hours the clock is moved on by; every log line, to the most detailed, is kept.
        public World()
        {
            With("Identity:AccessTokenMinutes", "525600");
            With("Logging:LogLevel:Default", "Debug");
            With("Logging:LogLevel:Microsoft.AspNetCore", "Debug");
            With("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Debug");
            Replacing(services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs));
        }

        public CapturedLogs Logs { get; } = new();

        private readonly Dictionary<Role, HttpClient> _clients = [];

        public HttpClient Cleared { get; private set; } = null!;

        public Guid Suite { get; private set; }

        public Guid Production { get; private set; }

        public Guid Hidden { get; private set; }

        public string HiddenNumber { get; private set; } = "";

        public Guid Twin { get; private set; }

        public Guid Article { get; private set; }

        public Guid Attachment { get; private set; }

        public List<Guid> MayKnow { get; } = [];

        public async Task<HttpClient> ClientAsync(Role role)
        {
            if (!_clients.TryGetValue(role, out var client))
            {
                client = (await UserAsync(role)).Client;
                _clients[role] = client;
            }

            return client;
        }

        public HttpClient PagesClient(HttpClient signedIn)
        {
            var pages = PageSession.CreateClient(this);
            pages.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
            return pages;
        }

        // Every GET route of the app that needs no id, API and pages.
        public IEnumerable<(string Path, bool IsPage)> GetRoutesWithoutParameters() =>
            Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.RoutePattern.Parameters.All(p => p.IsOptional))
                .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
                .Select(e => ("/" + string.Join('/', e.RoutePattern.PathSegments.Where(s => s.Parts.All(p => p.IsLiteral))
                        .Select(s => string.Concat(s.Parts.OfType<Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart>().Select(p => p.Content)))),
                    e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>() is not null))
                .Where(r => !r.Item1.StartsWith("/api/reference", StringComparison.Ordinal) && !r.Item1.StartsWith("/openapi", StringComparison.Ordinal)
                    && !r.Item1.StartsWith("/account/logout", StringComparison.OrdinalIgnoreCase))
                .Distinct();

        async Task IAsyncLifetime.InitializeAsync()
        {
            await InitializeAsync();
            var admin = await AdminAsync();
            Suite = await new SuiteBuilder().SendAsync(admin);
            Production = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(admin);
            Guid clearedId;
            (Cleared, clearedId) = await UserAsync(Role.Engineer, Production);
            MayKnow.Add(clearedId);

            var fault = await new FaultBuilder(Suite).For(Production).WithSeverity(Severity.P1)
                .Titled($"{TitleWords} {Canary}", $"The {Canary} rushes cut shows the {TitleWords}").SendAsync(Cleared);
            Hidden = fault.GetProperty("id").GetGuid();
            HiddenNumber = fault.GetProperty("number").GetString()!;
            await Send(Cleared.PostAsJsonAsync($"/api/v1/faults/{Hidden}/comments", new { text = $"Seen again on {Canary} reel 4" }));
            Attachment = await Cleared.AttachAsync(Hidden, $"{Canary}-scope.log", Encoding.UTF8.GetBytes($"10:02 {Canary} reference lost\n"));
            await Send(Cleared.PostAsJsonAsync($"/api/v1/faults/{Hidden}/assign", new { assigneeId = clearedId }));
            // Time passes unacknowledged: the rules warn and escalate, and tell whom they tell.
            Clock.Advance(TimeSpan.FromHours(3));
            await this.EvaluateAsync();
            await Send(Cleared.PostAsJsonAsync($"/api/v1/faults/{Hidden}/workarounds",
                new { description = $"Feed the {Canary} monitor from the spare output", acceptability = "Acceptable" }));
            await Send(Cleared.PostAsJsonAsync($"/api/v1/faults/{Hidden}/resolve", new { fix = $"Replaced the {Canary} reference card" }));
            var promoted = await Cleared.PostAsync($"/api/v1/faults/{Hidden}/promote", null);
            promoted.EnsureSuccessStatusCode();
            Article = (await promoted.JsonAsync()).GetProperty("id").GetGuid();

            Twin = await new FaultBuilder(Suite).Titled(TitleWords, $"The {TitleWords} again").SendAsync(Cleared).IdOfAsync();
            await IndexedAsync();
        }

        private static async Task Send(Task<HttpResponseMessage> request)
        {
            var response = await request;
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }
}
