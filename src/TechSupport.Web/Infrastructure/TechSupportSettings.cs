using TechSupport.Application.Data;

namespace TechSupport.Web.Infrastructure;

// The configuration keys of DESIGN.md, resolved once at start.
public sealed record TechSupportSettings(
    string DataPath,
    bool Demo,
    bool DemoExplicit,
    DatabaseProvider Provider,
    string ConnectionString,
    string SearchEngine)
{
    public static TechSupportSettings Resolve(IConfiguration config, IHostEnvironment env)
    {
        var dataPath = config["TechSupport:DataPath"];
        dataPath = string.IsNullOrWhiteSpace(dataPath)
            ? Path.Combine(env.ContentRootPath, "data")
            : Path.GetFullPath(dataPath, env.ContentRootPath);

        var demoText = config["TechSupport:Demo"];
        var demoExplicit = bool.TryParse(demoText, out var demo);
        if (!string.IsNullOrWhiteSpace(demoText) && !demoExplicit)
        {
            throw new InvalidOperationException("TechSupport:Demo must be true or false.");
        }

        if (!demoExplicit)
        {
            demo = env.IsDevelopment();
        }

        var providerText = config["Database:Provider"];
        if (!Enum.TryParse<DatabaseProvider>(string.IsNullOrWhiteSpace(providerText) ? "Sqlite" : providerText, true, out var provider))
        {
            throw new InvalidOperationException("Database:Provider must be Sqlite or SqlServer.");
        }

        var connection = config.GetConnectionString("TechSupport");
        if (string.IsNullOrWhiteSpace(connection))
        {
            if (provider == DatabaseProvider.SqlServer)
            {
                throw new InvalidOperationException("ConnectionStrings:TechSupport is required for SQL Server.");
            }

            connection = $"Data Source={Path.Combine(dataPath, "techsupport.db")}";
        }

        var engine = config["Search:Engine"];
        engine = string.IsNullOrWhiteSpace(engine) ? "Lucene" : engine;
        if (engine is not ("Lucene" or "Elasticsearch"))
        {
            throw new InvalidOperationException("Search:Engine must be Lucene or Elasticsearch.");
        }

        return new TechSupportSettings(dataPath, demo, demoExplicit, provider, connection, engine);
    }
}
