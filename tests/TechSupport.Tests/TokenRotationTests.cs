using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Identity;
using TechSupport.Domain;
using TechSupport.Tests.Support;
using TechSupport.Web.Auth;

namespace TechSupport.Tests;

// Issue 9, finding 6: a refresh token worked any number of times and the old access token kept working.
public sealed class TokenRotationTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task A_refresh_token_works_once()
    {
        var first = await SignInAsync();

        var refreshed = await RefreshAsync(first.RefreshToken);
        var again = await RefreshAsync(first.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal("The refresh token is not valid.", (await again.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Each_refresh_hands_out_a_new_pair_whose_refresh_token_works_in_turn()
    {
        var pair = await SignInAsync();

        for (var i = 0; i < 3; i++)
        {
            var next = await PairAsync(await RefreshAsync(pair.RefreshToken));
            Assert.NotEqual(pair.RefreshToken, next.RefreshToken);
            Assert.Equal(HttpStatusCode.OK, await MeAsync(next.AccessToken));
            pair = next;
        }
    }

    [Fact]
    public async Task A_spent_refresh_token_presented_again_ends_the_whole_session_so_the_newest_tokens_fail_too()
    {
        var first = await SignInAsync();
        var second = await PairAsync(await RefreshAsync(first.RefreshToken));

        var reused = await RefreshAsync(first.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(second.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(second.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Ending_one_session_by_reuse_leaves_the_users_other_sign_ins_working()
    {
        var (email, _) = await app.AccountAsync(Role.Engineer);
        var laptop = await SignInAsync(email);
        var desktop = await SignInAsync(email);
        await RefreshAsync(laptop.RefreshToken);

        await RefreshAsync(laptop.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, await MeAsync(desktop.AccessToken));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(desktop.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task After_a_refresh_the_previous_access_token_is_refused_on_its_next_request()
    {
        var first = await SignInAsync();
        Assert.Equal(HttpStatusCode.OK, await MeAsync(first.AccessToken));

        var second = await PairAsync(await RefreshAsync(first.RefreshToken));

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(first.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(second.AccessToken));
    }

    [Fact]
    public async Task The_previous_access_token_is_refused_on_the_pages_too()
    {
        var first = await SignInAsync();
        await RefreshAsync(first.RefreshToken);
        using var pages = app.CreateClient(new() { AllowAutoRedirect = false });
        pages.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", first.AccessToken);

        var page = await pages.GetAsync("/faults");

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_its_access_and_refresh_tokens_included_and_no_other()
    {
        var (email, _) = await app.AccountAsync(Role.Operator);
        var pair = await SignInAsync(email);
        var other = await SignInAsync(email);
        using var client = Client(pair.AccessToken);

        var signedOut = await client.PostAsync("/api/v1/auth/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(pair.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(pair.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(other.AccessToken));
    }

    [Fact]
    public async Task Signing_out_needs_a_signed_in_token()
    {
        var response = await app.CreateClient().PostAsync("/api/v1/auth/logout", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_session_not_refreshed_within_the_refresh_token_hours_has_ended()
    {
        var kept = await SignInAsync();
        var left = await SignInAsync();

        // Refreshed every ten minutes for 13 hours, one session lives on; the other, left alone for 12 hours, is over.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(13); elapsed += TimeSpan.FromMinutes(10))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            kept = await PairAsync(await RefreshAsync(kept.RefreshToken));
        }

        Assert.Equal(HttpStatusCode.OK, await MeAsync(kept.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(left.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task An_access_token_lives_its_minutes_and_no_longer_even_with_its_session_alive()
    {
        var pair = await SignInAsync();

        app.Clock.Advance(TimeSpan.FromMinutes(16));

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(pair.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync((await PairAsync(await RefreshAsync(pair.RefreshToken))).AccessToken));
    }

    [Fact]
    public async Task Of_refreshes_racing_with_the_same_token_exactly_one_wins()
    {
        var pair = await SignInAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RefreshAsync(pair.RefreshToken)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        // The losers presented a token already spent, which is what a copy looks like: the session is over for all.
        var winner = await PairAsync(answers.Single(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(winner.AccessToken));
    }

    [Fact]
    public async Task A_token_that_names_no_session_is_refused()
    {
        var (_, id) = await app.AccountAsync(Role.Operator);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>()
            .CreateAsync((await users.FindByIdAsync(id.ToString()))!); // made just above
        // As the bearer handler protects one, but without a session: a token minted before sessions existed.
        var token = app.Services.BearerOptions().BearerTokenProtector.Protect(new AuthenticationTicket(principal,
            new AuthenticationProperties { ExpiresUtc = app.Clock.GetUtcNow().AddMinutes(15) }, IdentityConstants.BearerScheme + ":AccessToken"));

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token));
    }

    [Fact]
    public async Task Both_tokens_of_a_sign_in_carry_its_session_and_generation()
    {
        var pair = await SignInAsync();
        var bearer = app.Services.BearerOptions();

        var access = bearer.BearerTokenProtector.Unprotect(pair.AccessToken)!.Principal;
        var refresh = bearer.RefreshTokenProtector.Unprotect(pair.RefreshToken)!.Principal;

        Assert.Equal(access.FindFirstValue(SessionClaims.Session), refresh.FindFirstValue(SessionClaims.Session));
        Assert.True(Guid.TryParse(access.FindFirstValue(SessionClaims.Session), out _));
        Assert.Equal("1", access.FindFirstValue(SessionClaims.Generation));
        Assert.Equal("1", refresh.FindFirstValue(SessionClaims.Generation));
    }

    private async Task<TokenPair> SignInAsync(string? email = null)
    {
        email ??= (await app.AccountAsync(Role.Operator)).Email;
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = TechSupportApp.Password });
        return await PairAsync(response);
    }

    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    private async Task<HttpStatusCode> MeAsync(string accessToken)
    {
        using var client = Client(accessToken);
        return (await client.GetAsync("/api/v1/me")).StatusCode;
    }

    private HttpClient Client(string accessToken)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private static async Task<TokenPair> PairAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        return new TokenPair(body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }

    private sealed record TokenPair(string AccessToken, string RefreshToken);
}
