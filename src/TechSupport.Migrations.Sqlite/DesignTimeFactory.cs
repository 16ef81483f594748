using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TechSupport.Application.Data;

namespace TechSupport.Migrations.Sqlite;

// For `dotnet ef` only: the SQLite migrations are generated from the same model as SQL Server's.
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TechSupportDbContext>
{
    public TechSupportDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TechSupportDbContext>();
        DataServiceCollectionExtensions.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new TechSupportDbContext(options.Options);
    }
}
