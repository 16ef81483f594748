using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Data;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

public sealed class PlatformTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task Liveness_and_readiness_name_the_database_and_the_search_engine()
    {
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.JsonAsync();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.True(body.GetProperty("checks").TryGetProperty("search", out _));
    }

    [Fact]
    public async Task The_openapi_document_and_the_reference_page_are_served()
    {
        var client = app.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var route in new[] { "/api/v1/faults", "/api/v1/faults/{id}", "/api/v1/auth/login", "/api/v1/me", "/api/v1/suites" })
        {
            Assert.True(paths.TryGetProperty(route, out _), $"{route} is missing from the OpenAPI document");
        }

        var reference = await client.GetAsync("/api/reference");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("openapi/v1.json", await reference.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_sqlite_file_runs_in_wal_mode_with_full_synchronous_writes()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();

        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA synchronous;";
        Assert.Equal(2L, (long?)await command.ExecuteScalarAsync()); // 2 = FULL
        Assert.StartsWith(app.DataPath, new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource);
    }

    [Fact]
    public async Task Every_change_writes_a_chained_audit_event_with_actor_and_before_and_after()
    {
        var (engineer, engineerId) = await app.UserAsync(Role.Engineer);
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var id = (await new FaultBuilder(suiteId).SendAsync(engineer)).GetProperty("id").GetGuid();
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/acknowledge", new { });

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.EntityType == nameof(Fault) && e.EntityId == id.ToString())
            .OrderBy(e => e.Id).ToListAsync();

        Assert.Equal(["Added", "Modified"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal(engineerId, e.ActorId));
        Assert.Contains("\"Status\":\"New\"", events[1].Before);
        Assert.Contains("\"Status\":\"Acknowledged\"", events[1].After);
        var chain = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.All(chain.Skip(1).Zip(chain), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        Assert.All(chain, e => Assert.Equal(e.ComputeHash(), e.Hash));
    }
}
