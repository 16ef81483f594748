using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// Issue 9: every page of the app, taken from its endpoint list, refuses a post without the form's
// antiforgery token (a forged form on another site), signed in or not, and nothing it would do is done.
public sealed partial class AntiforgeryTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    // The error page is re-executed for any method, a failed post included, so it takes no token.
    private static readonly HashSet<string> Exempt = new(StringComparer.Ordinal) { "/error/{code:int?}" };

    [Fact]
    public async Task Every_page_refuses_a_post_without_its_antiforgery_token()
    {
        var admin = await app.AdminAsync();
        var suite = await new SuiteBuilder().SendAsync(admin);
        var fault = await new FaultBuilder(suite).SendAsync(admin);
        var article = await (await admin.PostAsJsonAsync("/api/v1/articles", new { title = "Reseat the SDI cable", symptoms = "No picture", fix = "Reseat it" }))
            .JsonAsync();
        var attachment = await admin.AttachAsync(fault.GetProperty("id").GetGuid(), "log.txt", "a log line\n"u8.ToArray());
        var pages = await app.PagesAsync(Role.Manager);
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => !Exempt.Contains(r)).Distinct().ToList();

        var accepted = new List<string>();
        foreach (var route in routes)
        {
            var path = Parameter().Replace(route, m => m.Value switch
            {
                _ when m.Value.StartsWith("{number", StringComparison.Ordinal) => fault.GetProperty("number").GetString()!.ToLowerInvariant(),
                _ when route.StartsWith("/articles", StringComparison.Ordinal) => article.GetProperty("id").GetGuid().ToString(),
                _ when route.StartsWith("/attachments", StringComparison.Ordinal) => attachment.ToString(),
                _ => fault.GetProperty("id").GetGuid().ToString(),
            });
            var answer = await pages.PostWithoutTokenAsync(path, new Dictionary<string, string> { ["Text"] = "forged" });
            if (answer.Status != HttpStatusCode.BadRequest)
            {
                accepted.Add($"{path}: {(int)answer.Status}");
            }
        }

        Assert.True(routes.Count >= 15, $"only {routes.Count} pages found");
        Assert.True(accepted.Count == 0, "Posted without a token: " + string.Join(", ", accepted));
        Assert.Single((await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/faults/{fault.GetProperty("id").GetGuid()}/timeline"))
            .GetProperty("items").EnumerateArray());
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
