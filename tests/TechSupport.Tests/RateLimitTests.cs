using System.Net;
using System.Net.Http.Json;
using System.Text;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// Issue 9, finding 7: sign-in, search, suggestions and import are limited per account and per client,
// and an answer over the limit is a 429 that says when to come back. Each test has an app of its own,
// so one test's requests do not count against another's.
public sealed class RateLimitTests
{
    private static TechSupportApp WithTheRealSignInLimits() => new TechSupportApp()
        .With("RateLimits:SignIn:PerAccount", null)
        .With("RateLimits:SignIn:PerClient", null);

    [Fact]
    public async Task The_eleventh_sign_in_to_one_account_within_a_minute_is_refused_with_a_retry_after()
    {
        await using var app = WithTheRealSignInLimits();
        var (email, _) = await app.AccountAsync(Role.Engineer);
        var client = app.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 11; attempt++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = TechSupportApp.Password }));
        }

        Assert.All(answers.Take(10), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var refused = answers[10];
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        var seconds = refused.Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.InRange(seconds ?? 0, 1, 60);
        Assert.StartsWith("Too many requests; try again in", (await refused.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_e_mail_with_no_account_is_limited_exactly_as_one_with_an_account()
    {
        await using var app = WithTheRealSignInLimits();
        var (email, _) = await app.AccountAsync(Role.Engineer);
        var client = app.CreateClient();

        async Task<List<int>> AttemptsAsync(string address)
        {
            var codes = new List<int>();
            for (var attempt = 0; attempt < 11; attempt++)
            {
                codes.Add((int)(await client.PostAsJsonAsync("/api/v1/auth/login", new { email = address, password = "not-the-password" })).StatusCode);
            }

            return codes;
        }

        var known = await AttemptsAsync(email);
        var unknown = await AttemptsAsync("nobody-" + email);

        Assert.Equal(known, unknown);
        Assert.Equal(429, known[^1]);
    }

    [Fact]
    public async Task One_client_signing_in_to_many_accounts_is_stopped_after_thirty_attempts_a_minute()
    {
        await using var app = WithTheRealSignInLimits();
        _ = app.Server;
        var client = app.CreateClient();

        var codes = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 31; attempt++)
        {
            codes.Add((await client.PostAsJsonAsync("/api/v1/auth/login",
                new { email = $"guess-{attempt}@test.local", password = "not-the-password" })).StatusCode);
        }

        Assert.All(codes.Take(30), c => Assert.Equal(HttpStatusCode.Unauthorized, c));
        Assert.Equal((HttpStatusCode)429, codes[30]);
    }

    [Fact]
    public async Task The_sign_in_page_refuses_the_eleventh_attempt_for_one_account_and_says_so_while_showing_the_form_stays_free()
    {
        await using var app = WithTheRealSignInLimits();
        var (email, _) = await app.AccountAsync(Role.Operator);
        var pages = new PageSession(PageSession.CreateClient(app));
        for (var look = 0; look < 40; look++)
        {
            await pages.OpenAsync("/account/login");
        }

        HtmlPage? last = null;
        for (var attempt = 0; attempt < 11; attempt++)
        {
            last = await pages.PostAsync("/account/login", new() { ["Email"] = email, ["Password"] = "not-the-password" });
        }

        Assert.Equal((HttpStatusCode)429, last!.Status);
        Assert.Contains("Too many requests", last.Text());
    }

    [Fact]
    public async Task A_user_over_the_search_limit_gets_429_while_a_colleague_searches_on()
    {
        await using var app = new TechSupportApp().With("RateLimits:Search:PerAccount", "5");
        var (engineer, _) = await app.UserAsync(Role.Engineer);
        var (colleague, _) = await app.UserAsync(Role.Engineer);

        var codes = new List<HttpStatusCode>();
        for (var search = 0; search < 6; search++)
        {
            codes.Add((await engineer.GetAsync("/api/v1/search?q=decklink")).StatusCode);
        }

        Assert.All(codes.Take(5), c => Assert.Equal(HttpStatusCode.OK, c));
        Assert.Equal((HttpStatusCode)429, codes[5]);
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/api/v1/search?q=decklink")).StatusCode);
    }

    [Fact]
    public async Task The_search_page_is_limited_with_the_same_count_as_the_api()
    {
        await using var app = new TechSupportApp().With("RateLimits:Search:PerAccount", "3");
        var (engineer, _) = await app.UserAsync(Role.Engineer);
        var pages = app.PagesFor(engineer);

        await engineer.GetAsync("/api/v1/search?q=genlock");
        await pages.OpenAsync("/search?q=genlock");
        await pages.OpenAsync("/search?q=genlock");
        var refused = await pages.RequestAsync("/search?q=genlock");

        Assert.Equal((HttpStatusCode)429, refused.Status);
        Assert.Contains("Too many requests", refused.Text());
    }

    [Fact]
    public async Task Suggestions_are_limited_per_account()
    {
        await using var app = new TechSupportApp().With("RateLimits:Suggestions:PerAccount", "3");
        var (operatorClient, _) = await app.UserAsync(Role.Operator);

        var codes = new List<HttpStatusCode>();
        for (var typed = 0; typed < 4; typed++)
        {
            codes.Add((await operatorClient.PostAsJsonAsync("/api/v1/search/suggestions", new { title = "no picture on the grade monitor" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], codes);
    }

    [Fact]
    public async Task Imports_over_the_limit_are_refused_before_anything_is_stored()
    {
        await using var app = new TechSupportApp().With("RateLimits:Import:PerAccount", "1");
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().Named("Grade 4").SendAsync(manager);
        const string record = """[{"externalRef":"OLD-1","title":"Genlock lost on the grading suite","symptoms":"Picture tears every few seconds","category":"Signal","suite":"Grade 4"}]""";

        var first = await manager.PostAsync("/api/v1/faults/import", new StringContent(record, Encoding.UTF8, "application/json"));
        var second = await manager.PostAsync("/api/v1/faults/import",
            new StringContent(record.Replace("OLD-1", "OLD-2", StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, (await first.JsonAsync()).GetProperty("imported").GetInt32());
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
        var listed = await (await manager.GetAsync($"/api/v1/faults?suiteId={suiteId}")).JsonAsync();
        Assert.Equal(1, listed.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_limit_that_is_not_a_positive_whole_number_stops_the_app_with_one_sentence()
    {
        await using var app = new TechSupportApp().With("RateLimits:Search:PerAccount", "lots");

        var failure = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("RateLimits:Search:PerAccount is 'lots'", failure.ToString());
    }
}
