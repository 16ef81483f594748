using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace TechSupport.Web.Infrastructure;

// The framework's rate limiter on the routes worth hammering: sign-in (guessing passwords), search
// and suggestions (scraping the knowledge base), import (filling the database). Each is limited per
// account and per client address; a request must pass both. An answer over the limit is 429 with
// Retry-After, before any work is done.
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Search = "search";
    public const string Suggestions = "suggestions";
    public const string Import = "import";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // Requests per minute. Per client is higher: a facility's suites may all reach the desk from one
    // address (a proxy, a NAT), so it stops a flood, not a busy floor.
    private static readonly Dictionary<string, (int PerAccount, int PerClient)> Defaults = new(StringComparer.Ordinal)
    {
        [SignIn] = (10, 30),
        [Search] = (120, 1_200),
        [Suggestions] = (300, 3_000),
        [Import] = (10, 30),
    };

    public static IServiceCollection AddTechSupportRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var limits = Defaults.ToDictionary(d => d.Key, d => (
            PerAccount: PerAccount(config, d.Key),
            PerClient: Limit(config, d.Key, "PerClient", d.Value.PerClient)));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                PolicyOf(http) is { } name && limits.TryGetValue(name, out var limit) && Counts(http)
                    ? Partition($"{name}|client|{ClientOf(http)}", limit.PerClient)
                    : RateLimitPartition.GetNoLimiter(""));
            foreach (var (name, limit) in limits)
            {
                o.AddPolicy(name, http => Counts(http) && AccountOf(http) is { } account
                    ? Partition($"{name}|account|{account}", limit.PerAccount)
                    : RateLimitPartition.GetNoLimiter(""));
            }
        });
        return services;
    }

    public static int PerAccount(IConfiguration config, string name) =>
        Limit(config, name, "PerAccount", Defaults[name].PerAccount);

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private static int Limit(IConfiguration config, string name, string per, int fallback)
    {
        var key = $"RateLimits:{Key(name)}:{per}";
        return config[key] is not { } text ? fallback
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
            : throw new InvalidOperationException($"{key} is '{text}'; give a whole number of requests per minute above 0.");
    }

    private static string Key(string name) => name switch
    {
        SignIn => "SignIn",
        Search => "Search",
        Suggestions => "Suggestions",
        _ => "Import",
    };

    private static RateLimitPartition<string> Partition(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static string? PolicyOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;

    // Showing the sign-in page or the search form costs nothing worth limiting; posting it does.
    private static bool Counts(HttpContext http) =>
        PolicyOf(http) != SignIn || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));

    // Behind the configured TLS proxy this is the operator's address (forwarded headers run first).
    private static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress is { } address
        ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
        : IPAddress.None.ToString();

    // Sign-in has no account yet: SignInThrottle limits each e-mail address itself.
    private static string? AccountOf(HttpContext http) => http.User.FindFirstValue(ClaimTypes.NameIdentifier);

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
        var seconds = Seconds(wait);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            // The status code page says it on pages.
            return;
        }

        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = TooMany(seconds),
            },
        });
    }

    public static string TooMany(int seconds) =>
        $"Too many requests; try again in {seconds} second{(seconds == 1 ? "" : "s")}.";
}
