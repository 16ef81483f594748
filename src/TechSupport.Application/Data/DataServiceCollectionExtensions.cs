using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace TechSupport.Application.Data;

public static class DataServiceCollectionExtensions
{
    public const string SqliteMigrations = "TechSupport.Migrations.Sqlite";
    public const string SqlServerMigrations = "TechSupport.Migrations.SqlServer";

    public static IServiceCollection AddTechSupportData(this IServiceCollection services, DatabaseProvider provider,
        string connectionString)
    {
        services.AddDbContext<TechSupportDbContext>(options => Configure(options, provider, connectionString));
        services.AddSingleton(new WriteGate(provider));
        services.AddScoped<ReadAudit>();
        services.AddSingleton<Outbox.OutboxSignal>();
        services.AddSingleton<Notifications.MailSignal>();
        services.AddScoped<Outbox.SearchProjection>();
        services.AddScoped<Outbox.SearchProjectionComponents>();
        services.AddScoped<Outbox.IndexMaintenance>();
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider,
        string connectionString) => (provider switch
    {
        DatabaseProvider.Sqlite => options
            .UseSqlite(connectionString, b => b.MigrationsAssembly(SqliteMigrations))
            .AddInterceptors(new SqlitePragmas()),
        DatabaseProvider.SqlServer => options
            .UseSqlServer(connectionString, b => b.MigrationsAssembly(SqlServerMigrations)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    })
        // A deliverable spec with every part empty reads back as no spec, which is what it means.
        .ConfigureWarnings(w => w.Ignore(RelationalEventId.OptionalDependentWithoutIdentifyingPropertyWarning));
}
