using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;
using TechSupport.Application.Seeding;

namespace TechSupport.Web.Infrastructure;

public static partial class DatabaseStartup
{
    // SQLite migrates on start; SQL Server only through the migrate command, so a deploy is deliberate.
    public static async Task PrepareAsync(IServiceProvider services, TechSupportSettings settings, ILogger logger,
        CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            await MigrateAsync(db, settings, ct);
        }
        else if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            throw new InvalidOperationException(
                "The SQL Server database has pending migrations; run the migrate command first.");
        }

        if (!settings.Demo)
        {
            if (!settings.DemoExplicit)
            {
                NoDemo(logger);
            }

            return;
        }

        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        if (await seeder.SeedAsync(ct))
        {
            DemoSeeded(logger);
        }
    }

    public static async Task MigrateIfEmbeddedAsync(IServiceProvider services, TechSupportSettings settings, CancellationToken ct)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            await MigrateAsync(services.GetRequiredService<TechSupportDbContext>(), settings, ct);
        }
    }

    public static async Task MigrateAsync(TechSupportDbContext db, TechSupportSettings settings, CancellationToken ct)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            await db.Database.OpenConnectionAsync(ct);
            try
            {
                // WAL is a property of the file and persists; synchronous=FULL is set on every connection.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
                await db.Database.MigrateAsync(ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return;
        }

        await db.Database.MigrateAsync(ct);
    }

    [LoggerMessage(LogLevel.Warning, "Demo data is not seeded: this is not Development and TechSupport:Demo is not set to true.")]
    private static partial void NoDemo(ILogger logger);

    [LoggerMessage(LogLevel.Information, "Seeded the demo facility and demo users (password in README).")]
    private static partial void DemoSeeded(ILogger logger);
}
