using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TechSupport.Application.Data;

namespace TechSupport.Migrations.SqlServer;

// For `dotnet ef` only: no server is contacted to generate migrations.
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TechSupportDbContext>
{
    public TechSupportDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TechSupportDbContext>();
        DataServiceCollectionExtensions.Configure(options, DatabaseProvider.SqlServer,
            "Server=localhost;Database=TechSupport;Trusted_Connection=True;TrustServerCertificate=True");
        return new TechSupportDbContext(options.Options);
    }
}
