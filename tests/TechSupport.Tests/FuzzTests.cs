using System.Collections;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Data;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// Issue 9: every request model of every POST/PUT route of the API, taken from the app's endpoint list,
// meets hostile input — broken and deep JSON, invalid UTF-8, wrong types, huge strings, control
// characters, comma-joined and numeric enumerations, nulls where lists belong, unknown ids. None may
// answer 5xx, none may succeed, and nothing stored may change.
public sealed partial class FuzzTests(FuzzTests.World world) : IClassFixture<FuzzTests.World>
{
    public sealed record Route(string Method, string Pattern, Type? Body);

    public static IReadOnlyList<Route> WriteRoutes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(m => m is "POST" or "PUT")
                .Select(m => new Route(m, e.RoutePattern.RawText!, e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType)))
            .Where(r => r.Body is not null && r.Body != typeof(Microsoft.AspNetCore.Http.HttpRequest))
            .DistinctBy(r => (r.Method, r.Pattern)).ToList();

    public static IEnumerable<(string Name, byte[] Body)> RawBodies()
    {
        yield return ("broken JSON", "{\"title\": "u8.ToArray());
        yield return ("null", "null"u8.ToArray());
        yield return ("an array", "[]"u8.ToArray());
        yield return ("a string", "\"x\""u8.ToArray());
        yield return ("a number", "42"u8.ToArray());
        yield return ("invalid UTF-8", [.. "{\"title\":\""u8, 0xff, 0xfe, 0xc3, .. "\",\"text\":\""u8, 0xc0, 0x80, .. "\"}"u8]);
        yield return ("deep arrays", Encoding.UTF8.GetBytes(new string('[', 5_000) + new string(']', 5_000)));
        yield return ("deep objects", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000)));
        yield return ("a 3 MB string", Encoding.UTF8.GetBytes("{\"title\":\"" + new string('a', 3_000_000) + "\"}"));
    }

    // Values for one property, by its type, each of which must be refused.
    public static IEnumerable<(string Name, object? Value)> HostileValues(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        object[] wrongShapes = [new { nested = 1 }, new[] { 1, 2 }];
        if (inner == typeof(string))
        {
            yield return ("200,000 characters", new string('x', 200_000));
            yield return ("a number", 12);
            yield return ("a boolean", true);
        }
        else if (inner.IsEnum)
        {
            var names = Enum.GetNames(inner);
            yield return ("comma-joined names", names.Length > 1 ? $"{names[0]},{names[1]}" : names[0] + "," + names[0]);
            yield return ("a number", 1);
            yield return ("a number as text", "1");
            yield return ("an unknown name", "Galactic");
            yield return ("an empty name", "");
        }
        else if (inner == typeof(Guid))
        {
            yield return ("not a guid", "not-a-guid");
            yield return ("a number", 7);
        }
        else if (inner == typeof(int) || inner == typeof(long) || inner == typeof(decimal) || inner == typeof(double))
        {
            yield return ("text", "lots");
            yield return ("too big", 1e308);
            yield return ("beyond int", 2_147_483_648L);
        }
        else if (inner == typeof(bool))
        {
            yield return ("text", "yes");
            yield return ("a number", 2);
        }
        else if (inner == typeof(DateTimeOffset) || inner == typeof(DateOnly) || inner == typeof(TimeOnly) || inner == typeof(DateTime))
        {
            yield return ("words", "next tuesday");
            yield return ("an impossible date", "2026-13-45T25:61:00Z");
        }
        else if (typeof(IEnumerable).IsAssignableFrom(inner))
        {
            yield return ("a string", "x");
            yield return ("an object", new { a = 1 });
            yield return ("a list of wrong things", new object[] { new { a = 1 }, new[] { 1 } });
        }
        else
        {
            yield return ("a number", 1);
            yield return ("a string", "x");
        }

        foreach (var shape in wrongShapes.Where(_ => inner == typeof(string) || inner.IsEnum || inner == typeof(Guid)))
        {
            yield return ("a wrong shape", shape);
        }
    }

    private static IEnumerable<PropertyInfo> PropertiesOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0);

    private static string JsonName(PropertyInfo property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    [Fact]
    public void The_fuzzing_covers_every_write_route_with_a_body()
    {
        var routes = WriteRoutes(world.Services);

        Assert.True(routes.Count >= 20, $"only {routes.Count} routes: " + string.Join(", ", routes.Select(r => r.Pattern)));
        Assert.Contains(routes, r => r.Pattern == "api/v1/faults/" || r.Pattern == "/api/v1/faults/" || r.Pattern.EndsWith("v1/faults", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_misspelt_field_is_a_400_naming_it_and_nothing_is_logged()
    {
        var before = await world.StoredAsync();
        var route = WriteRoutes(world.Services).First(r => r.Method == "POST" && r.Pattern.TrimEnd('/').EndsWith("v1/faults", StringComparison.Ordinal));

        var answer = await world.SendAsync(route, """{"title":"No picture","symptons":"Black on the grade monitor"}"""u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var errors = JsonDocument.Parse(answer.Body).RootElement.GetProperty("errors");
        Assert.Contains("not part of the request", errors.GetProperty("symptons")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await world.StoredAsync());
    }

    [Fact]
    public async Task Hostile_bodies_never_answer_5xx_never_succeed_and_store_nothing()
    {
        var failures = new List<string>();
        var before = await world.StoredAsync();
        var sent = 0;
        foreach (var route in WriteRoutes(world.Services))
        {
            var bodies = RawBodies().Select(b => (b.Name, Content: b.Body)).ToList();
            foreach (var property in PropertiesOf(route.Body!))
            {
                foreach (var (name, value) in HostileValues(property.PropertyType))
                {
                    var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?> { [JsonName(property)] = value });
                    bodies.Add(($"{JsonName(property)}: {name}", json));
                }

                if (Nullable.GetUnderlyingType(property.PropertyType) is null && property.PropertyType.IsValueType)
                {
                    bodies.Add(($"{JsonName(property)}: null", Encoding.UTF8.GetBytes($"{{\"{JsonName(property)}\":null}}")));
                }
            }

            foreach (var (name, content) in bodies)
            {
                sent++;
                var answer = await world.SendAsync(route, content);
                if ((int)answer.Status >= 500 || answer.Status is >= HttpStatusCode.OK and < HttpStatusCode.Ambiguous)
                {
                    failures.Add($"{route.Method} {route.Pattern} with {name}: {(int)answer.Status} {answer.Body[..Math.Min(200, answer.Body.Length)]}");
                }
                else if (answer.Status == HttpStatusCode.BadRequest && !answer.Body.Contains("\"title\"", StringComparison.Ordinal))
                {
                    failures.Add($"{route.Method} {route.Pattern} with {name}: 400 without a problem body");
                }
            }
        }

        var after = await world.StoredAsync();
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent}:{Environment.NewLine}" + string.Join(Environment.NewLine, failures.Take(60)));
        Assert.Equal(before, after);
        Assert.True(sent > 300, $"only {sent} requests sent");
    }

    public sealed partial class World : TechSupportApp, IAsyncLifetime
    {
        private HttpClient _admin = null!;
        private string _fault = "";
        private string _suite = "";
        private string _user = "";
        private string _article = "";

        public sealed record Answer(HttpStatusCode Status, string Body);

        public async Task<Answer> SendAsync(Route route, byte[] body)
        {
            var pattern = "/" + route.Pattern.TrimStart('/');
            // Real records, so a request reaches the handler's own checks rather than a 404.
            var id = pattern.Contains("/suites/", StringComparison.Ordinal) ? _suite
                : pattern.Contains("/users/", StringComparison.Ordinal) ? _user
                : pattern.Contains("/articles/", StringComparison.Ordinal) ? _article
                : _fault;
            var path = ParameterPattern().Replace(pattern, id);
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), path)
            {
                Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } },
            };
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            using var response = await _admin.SendAsync(request);
            return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        // What a stored change leaves: every change writes an audit event, every fault a version. (The
        // outbox is left out: the dispatcher drains it in the background.)
        public async Task<(int Audit, int Faults, int Versions, int Users, int Articles, int Workarounds)> StoredAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
            return (await db.AuditEvents.CountAsync(), await db.Faults.CountAsync(), await db.Faults.SumAsync(f => f.Version),
                await db.Users.CountAsync(), await db.Articles.CountAsync(), await db.Workarounds.CountAsync());
        }

        async Task IAsyncLifetime.InitializeAsync()
        {
            await InitializeAsync();
            _admin = await AdminAsync();
            var suite = await new SuiteBuilder().SendAsync(_admin);
            _suite = suite.ToString();
            _fault = (await new FaultBuilder(suite).SendAsync(_admin).IdOfAsync()).ToString();
            _user = (await UserAsync(Role.Engineer)).Id.ToString();
            var article = await _admin.PostAsJsonAsync("/api/v1/articles", new { title = "Reseat the SDI cable", symptoms = "No picture", fix = "Reseat it" });
            article.EnsureSuccessStatusCode();
            _article = (await article.JsonAsync()).GetProperty("id").GetGuid().ToString();
        }

        [GeneratedRegex(@"\{[^}]+\}")]
        private static partial Regex ParameterPattern();
    }
}

// Finding 3 on the pages: a form's enumeration is exactly one of its names, as on the API.
public sealed class PageEnumerationTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Theory]
    [InlineData("P2,P3")]
    [InlineData("3")]
    public async Task A_comma_joined_or_numeric_severity_on_the_log_a_fault_form_is_refused_beside_the_field(string severity)
    {
        var admin = await app.AdminAsync();
        var suite = await new SuiteBuilder().SendAsync(admin);
        var pages = await app.PagesAsync(Role.Operator);

        var answer = await pages.PostAsync("/faults/new", new()
        {
            ["SuiteId"] = suite.ToString(), ["Title"] = "No picture on the grade monitor", ["Symptoms"] = "Black since the restart",
            ["Category"] = "Signal", ["Severity"] = severity,
        });

        Assert.Equal(System.Net.HttpStatusCode.OK, answer.Status);
        Assert.Contains("Pick one of: P1, P2, P3, P4.", answer.Text(), StringComparison.Ordinal);
        var logged = await (await admin.GetAsync($"/api/v1/faults?suiteId={suite}")).JsonAsync();
        Assert.Equal(0, logged.GetProperty("total").GetInt32());
    }
}
