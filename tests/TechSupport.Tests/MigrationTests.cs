using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using TechSupport.Application.Data;

namespace TechSupport.Tests;

// Both providers' migrations come from one model; a model change without a migration fails here.
public sealed class MigrationTests
{
    private static TechSupportDbContext Context(DatabaseProvider provider) =>
        new(DataServiceCollectionExtensions.Configure(new DbContextOptionsBuilder<TechSupportDbContext>(), provider,
            provider == DatabaseProvider.Sqlite
                ? "Data Source=:memory:"
                : "Server=localhost;Database=TechSupport;Trusted_Connection=True;TrustServerCertificate=True")
            .Options is DbContextOptions<TechSupportDbContext> options ? options : throw new InvalidOperationException());

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Neither_provider_has_model_changes_without_a_migration(DatabaseProvider provider)
    {
        using var db = Context(provider);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes not in the {provider} migrations: run `dotnet ef migrations add` for that project.");
    }

    [Theory]
    [InlineData(MigrationsSqlGenerationOptions.Default)]
    [InlineData(MigrationsSqlGenerationOptions.Idempotent)]
    public void The_sql_server_migrations_render_as_t_sql_that_parses_without_errors(MigrationsSqlGenerationOptions options)
    {
        using var db = Context(DatabaseProvider.SqlServer);
        var script = db.GetService<IMigrator>().GenerateScript(options: options);

        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        var fragment = parser.Parse(new StringReader(script), out var errors);

        Assert.Empty(errors.Select(e => $"{e.Line}:{e.Column} {e.Message}"));
        Assert.Contains("CREATE TABLE [Faults]", script);
        Assert.NotEmpty(((TSqlScript)fragment).Batches);
    }
}
