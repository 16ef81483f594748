using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Data;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// Issue 10, S7: the audit log proves nobody altered it. Each test breaks the chain in the database file
// behind the app's back, as someone with the file would, and the app and the command name the first
// broken event. Each test has an app of its own: a broken chain stays broken.
public sealed class AuditChainTests
{
    private static async Task<(TechSupportApp App, HttpClient Manager)> BusyAppAsync()
    {
        var app = new TechSupportApp();
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suite = await new SuiteBuilder().SendAsync(manager);
        for (var i = 0; i < 3; i++)
        {
            var fault = await new FaultBuilder(suite).SendAsync(manager).IdOfAsync();
            await manager.PostAsync($"/api/v1/faults/{fault}/acknowledge", null);
        }

        return (app, manager);
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient client)
    {
        var answer = await client.GetAsync("/api/v1/audit/verify");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.JsonAsync();
    }

    private static async Task<List<long>> IdsAsync(TechSupportApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TechSupportDbContext>().AuditEvents.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
    }

    private static async Task SqlAsync(TechSupportApp app, string sql, params object[] values)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TechSupportDbContext>().Database.ExecuteSqlRawAsync(sql, values);
    }

    [Fact]
    public async Task An_untouched_log_verifies_on_the_api_and_on_the_command_line()
    {
        var (app, manager) = await BusyAppAsync();
        await using var _ = app;
        var ids = await IdsAsync(app);

        var verified = await VerifyAsync(manager);
        var (exit, output, _) = await AppProcess.RunAsync(app.DataPath, "", "verify-audit");

        Assert.True(verified.GetProperty("valid").GetBoolean());
        Assert.Equal(ids.Count, verified.GetProperty("events").GetInt64());
        Assert.Equal(JsonValueKind.Null, verified.GetProperty("firstBrokenEventId").ValueKind);
        Assert.Equal(0, exit);
        Assert.Contains($"{ids.Count:N0} events are intact", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_altered_row_is_named_as_the_first_broken_event()
    {
        var (app, manager) = await BusyAppAsync();
        await using var _ = app;
        var ids = await IdsAsync(app);
        var altered = ids[ids.Count / 2];

        await SqlAsync(app, "UPDATE AuditEvents SET ActorName = {0} WHERE Id = {1}", "Someone Else", altered);

        var verified = await VerifyAsync(manager);
        var (exit, _, error) = await AppProcess.RunAsync(app.DataPath, "", "verify-audit");
        Assert.False(verified.GetProperty("valid").GetBoolean());
        Assert.Equal(altered, verified.GetProperty("firstBrokenEventId").GetInt64());
        Assert.Equal(1, exit);
        Assert.Contains($"broken at event {altered}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_row_breaks_the_chain_at_the_event_after_it()
    {
        var (app, manager) = await BusyAppAsync();
        await using var _ = app;
        var ids = await IdsAsync(app);
        var deleted = ids[ids.Count / 2];

        await SqlAsync(app, "DELETE FROM AuditEvents WHERE Id = {0}", deleted);

        var verified = await VerifyAsync(manager);
        Assert.False(verified.GetProperty("valid").GetBoolean());
        Assert.Equal(ids[(ids.Count / 2) + 1], verified.GetProperty("firstBrokenEventId").GetInt64());
        Assert.Equal(ids.Count - 1, verified.GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task Two_rows_swapped_in_order_are_found()
    {
        var (app, manager) = await BusyAppAsync();
        await using var _ = app;
        var ids = await IdsAsync(app);
        var (first, second) = (ids[2], ids[3]);

        // Renumbering through a free id moves the two events past each other, contents untouched.
        await SqlAsync(app, "UPDATE AuditEvents SET Id = -1 WHERE Id = {0}", first);
        await SqlAsync(app, "UPDATE AuditEvents SET Id = {0} WHERE Id = {1}", first, second);
        await SqlAsync(app, "UPDATE AuditEvents SET Id = {0} WHERE Id = -1", second);

        var verified = await VerifyAsync(manager);
        Assert.False(verified.GetProperty("valid").GetBoolean());
        Assert.Equal(first, verified.GetProperty("firstBrokenEventId").GetInt64());
    }

    [Fact]
    public async Task Sign_in_failures_written_by_identity_beside_concurrent_commands_keep_one_unbroken_chain()
    {
        var (app, manager) = await BusyAppAsync();
        await using var _ = app;
        var (email, _) = await app.AccountAsync(Role.Operator);
        var suite = await new SuiteBuilder().SendAsync(manager);
        var anonymous = app.CreateClient();

        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => i % 2 == 0
            ? anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = $"wrong-{i}" })
            : manager.PostAsJsonAsync("/api/v1/faults", new FaultBuilder(suite).Titled($"Concurrent fault {i}").Body)));

        var verified = await VerifyAsync(manager);
        Assert.True(verified.GetProperty("valid").GetBoolean(), verified.ToString());
    }

    [Theory]
    [InlineData(Role.Operator)]
    [InlineData(Role.Engineer)]
    public async Task Operators_and_engineers_find_no_audit_route(Role role)
    {
        await using var app = new TechSupportApp();
        var (client, _) = await app.UserAsync(role);

        var verify = await client.GetAsync("/api/v1/audit/verify");
        var nothing = await client.GetAsync("/api/v1/audit/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, verify.StatusCode);
        Assert.Equal(RemoveTrace(await nothing.Content.ReadAsStringAsync()), RemoveTrace(await verify.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await (await app.UserAsync(Role.Manager)).Client.GetAsync("/api/v1/audit/verify")).StatusCode);
    }

    private static string RemoveTrace(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "");
}
