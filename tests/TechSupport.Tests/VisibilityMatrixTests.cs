using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// Issue 9: every route that names a record, taken from the app's own endpoint list (API and pages),
// so a route added later is covered without touching this file — or fails here until it is classified.
// For each role that S2 keeps from a Confidential or Restricted record, the answer for that record's
// id is the answer for an id that does not exist, status and body, and never a success.
public sealed partial class VisibilityMatrixTests(VisibilityMatrixTests.World world) : IClassFixture<VisibilityMatrixTests.World>
{
    // Records a route may name, by the route's prefix and parameter.
    public enum Kind
    {
        Fault,
        FaultNumber,
        Article,
        Attachment,
    }

    // Routes whose parameter names nothing S2 classifies, and why they are out of this matrix.
    private static readonly Dictionary<string, string> Unclassified = new(StringComparer.Ordinal)
    {
        ["/api/v1/suites/{id:guid}"] = "suites and their equipment are Standard facility records every role sees",
        ["/api/v1/suites/{id:guid}/equipment"] = "suites and their equipment are Standard facility records every role sees",
        ["/api/v1/suites/{id:guid}/configuration/revisions"] = "a suite's configuration is a Standard facility record; the fault a revision fixed is named only to those who see it (ConfigurationHistoryTests)",
        ["/api/v1/suites/{id:guid}/configuration/revisions/{number:int}/diff"] = "a suite's configuration is a Standard facility record",
        ["/api/v1/admin/users/{id:guid}/clearances"] = "Admin only (AdministrationSecurityTests); names a user, not classified material",
        ["/api/v1/admin/users/{id:guid}/tier"] = "Admin only; names a user, not classified material",
        ["/api/v1/admin/users/{id:guid}/role"] = "Admin only (AccountAdministrationTests); names a user, not classified material",
        ["/api/v1/admin/users/{id:guid}/password"] = "Admin only (AccountAdministrationTests); names a user, not classified material",
        ["/api/v1/admin/users/{id:guid}/deactivate"] = "Admin only (AccountAdministrationTests); names a user, not classified material",
        ["/api/v1/admin/users/{id:guid}/reactivate"] = "Admin only (AccountAdministrationTests); names a user, not classified material",
        ["/api/v1/admin/users/{id:guid}/unlock"] = "Admin only (AccountAdministrationTests); names a user, not classified material",
        ["/api/v1/notifications/{id:guid}/read"] = "a notification belongs to its user; another user's answers as a random id (NotificationTests)",
        ["/error/{code:int?}"] = "the error page names a status code",
        ["/api/reference/{documentName?}"] = "the API's documentation",
        ["/openapi/{documentName}.json"] = "the API's documentation",
    };

    public static Kind? KindOf(string route) => route switch
    {
        _ when route.Contains("{number:regex(^ts-", StringComparison.Ordinal) => Kind.FaultNumber,
        _ when route.StartsWith("/api/v1/faults/{id", StringComparison.Ordinal) || route.StartsWith("/faults/{id", StringComparison.Ordinal)
            => Kind.Fault,
        _ when route.StartsWith("/api/v1/articles/{id", StringComparison.Ordinal) || route.StartsWith("/articles/{id", StringComparison.Ordinal)
            => Kind.Article,
        _ when route.StartsWith("/api/v1/attachments/{id", StringComparison.Ordinal) || route.StartsWith("/attachments/{id", StringComparison.Ordinal)
            => Kind.Attachment,
        _ => null,
    };

    public sealed record Route(string Method, string Pattern, bool IsPage);

    public static IReadOnlyList<Route> RoutesNamingRecords(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count > 0)
            .SelectMany(e =>
            {
                var pattern = "/" + e.RoutePattern.RawText!.TrimStart('/');
                var isPage = e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null
                    || e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>() is not null;
                // Pages are read with GET here; their posts need the form's antiforgery token and go
                // through the same lookups as the GET (PageErrorFilter turns a hidden record into 404).
                var methods = isPage ? ["GET"] : e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                return methods.Select(m => new Route(m, pattern, isPage));
            })
            .Distinct().OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ToList();

    [Fact]
    public void Every_route_that_names_a_record_is_in_the_matrix_or_says_why_not()
    {
        var routes = RoutesNamingRecords(world.Services);

        var unknown = routes.Where(r => KindOf(r.Pattern) is null && !Unclassified.ContainsKey(r.Pattern))
            .Select(r => $"{r.Method} {r.Pattern}").Distinct().ToList();

        Assert.True(unknown.Count == 0, "Classify these routes in VisibilityMatrixTests: " + string.Join(", ", unknown));
        Assert.Contains(routes, r => KindOf(r.Pattern) == Kind.Fault && r.IsPage);
        Assert.Contains(routes, r => KindOf(r.Pattern) == Kind.Article && !r.IsPage);
        Assert.Contains(routes, r => KindOf(r.Pattern) == Kind.Attachment && !r.IsPage);
        Assert.True(routes.Count(r => KindOf(r.Pattern) is not null) >= 25, $"only {routes.Count} routes found");
    }

    // Confidential is seen by manager rank (Managers and Admins) and by those cleared; Restricted only by those cleared.
    public static TheoryData<Role, Classification> HiddenCases() => new()
    {
        { Role.Operator, Classification.Confidential },
        { Role.Engineer, Classification.Confidential },
        { Role.Operator, Classification.Restricted },
        { Role.Engineer, Classification.Restricted },
        { Role.Manager, Classification.Restricted },
        { Role.Admin, Classification.Restricted },
    };

    [Theory]
    [MemberData(nameof(HiddenCases))]
    public async Task A_hidden_record_answers_every_route_exactly_as_a_record_that_does_not_exist(Role role, Classification classification)
    {
        var client = await world.ClientAsync(role);
        var records = world.Records[classification];
        var failures = new List<string>();
        var compared = 0;
        foreach (var route in RoutesNamingRecords(world.Services).Where(r => KindOf(r.Pattern) is { } kind && records.Has(kind)))
        {
            compared++;
            var kind = KindOf(route.Pattern)!.Value;
            var hidden = await SendAsync(client, route, records.Value(kind));
            var absent = await SendAsync(client, route, World.Absent(kind));
            var label = $"{route.Method} {route.Pattern}";
            if ((int)hidden.Status is >= 200 and < 300)
            {
                failures.Add($"{label}: {(int)hidden.Status} for a hidden {kind}");
            }
            else if (hidden.Status != absent.Status)
            {
                failures.Add($"{label}: {(int)hidden.Status} for a hidden {kind}, {(int)absent.Status} for an absent one");
            }
            else if (Normalise(hidden.Body, records.Value(kind)) != Normalise(absent.Body, World.Absent(kind)))
            {
                failures.Add($"{label}: the bodies differ");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(compared >= 25, $"only {compared} routes compared");
    }

    [Fact]
    public async Task The_matrix_uses_real_records_a_cleared_user_reads_on_every_get_route()
    {
        var failures = new List<string>();
        foreach (var classification in new[] { Classification.Confidential, Classification.Restricted })
        {
            var records = world.Records[classification];
            foreach (var route in RoutesNamingRecords(world.Services)
                         .Where(r => r.Method == "GET" && KindOf(r.Pattern) is { } kind && records.Has(kind)))
            {
                var answer = await SendAsync(world.Cleared, route, records.Value(KindOf(route.Pattern)!.Value));
                // The page for a fault's number sends the reader on to the fault's own page.
                var expected = route.IsPage && KindOf(route.Pattern) == Kind.FaultNumber ? HttpStatusCode.Found : HttpStatusCode.OK;
                if (answer.Status != expected)
                {
                    failures.Add($"GET {route.Pattern} ({classification}): {(int)answer.Status}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private sealed record Answer(HttpStatusCode Status, string Body);

    private async Task<Answer> SendAsync(HttpClient client, Route route, string value)
    {
        var path = ParameterPattern().Replace(route.Pattern, value);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (route.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        if (route.Method is "PUT" or "DELETE" || route.Pattern.EndsWith("}", StringComparison.Ordinal) && route.Method == "POST")
        {
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        }

        var pages = route.IsPage ? world.PagesClient(client) : client;
        using var response = await pages.SendAsync(request);
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    // The same answer but for the id it names and what differs by request (trace ids, tokens).
    private static string Normalise(string body, string value) =>
        TokenPattern().Replace(TraceIdPattern().Replace(body.Replace(value, "{id}", StringComparison.OrdinalIgnoreCase), ""), "");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceIdPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"")]
    private static partial Regex TokenPattern();

    public sealed class Records(Dictionary<Kind, string> values)
    {
        public bool Has(Kind kind) => values.ContainsKey(kind);

        public string Value(Kind kind) => values[kind];
    }

    // One app for the whole matrix: a Confidential and a Restricted production, each with a fault and
    // an article, made by a manager cleared for both; the roles under test are cleared for neither.
    public sealed class World : TechSupportApp, IAsyncLifetime
    {
        private readonly Dictionary<Role, HttpClient> _clients = [];

        public Dictionary<Classification, Records> Records { get; } = [];

        public HttpClient Cleared { get; private set; } = null!;

        public static string Absent(Kind kind) => kind == Kind.FaultNumber ? "ts-999999" : Guid.NewGuid().ToString();

        public async Task<HttpClient> ClientAsync(Role role)
        {
            if (!_clients.TryGetValue(role, out var client))
            {
                client = role == Role.Admin ? await AdminAsync() : (await UserAsync(role)).Client;
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

        async Task IAsyncLifetime.InitializeAsync()
        {
            await InitializeAsync();
            var admin = await AdminAsync();
            var suite = await new SuiteBuilder().SendAsync(admin);
            var confidential = await new ProductionBuilder().Classified(Classification.Confidential).SendAsync(admin);
            var restricted = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(admin);
            (Cleared, _) = await UserAsync(Role.Manager, confidential, restricted);
            foreach (var (classification, production) in new[] { (Classification.Confidential, confidential), (Classification.Restricted, restricted) })
            {
                var fault = await new FaultBuilder(suite).For(production).Titled($"{classification} matrix fault").SendAsync(Cleared);
                var article = await Cleared.PostAsJsonAsync("/api/v1/articles", new
                {
                    title = $"{classification} matrix article", symptoms = "Picture drops", fix = "Reseat the cable", productionId = production,
                });
                article.EnsureSuccessStatusCode();
                var attachment = await Cleared.AttachAsync(fault.GetProperty("id").GetGuid(), "grade-log.txt",
                    System.Text.Encoding.UTF8.GetBytes($"{classification} matrix log line"));
                Records[classification] = new Records(new Dictionary<Kind, string>
                {
                    [Kind.Attachment] = attachment.ToString(),
                    [Kind.Fault] = fault.GetProperty("id").GetGuid().ToString(),
                    [Kind.FaultNumber] = fault.GetProperty("number").GetString()!.ToLowerInvariant(),
                    [Kind.Article] = (await article.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid().ToString(),
                });
            }
        }
    }
}
