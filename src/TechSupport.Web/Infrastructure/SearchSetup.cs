using TechSupport.Application.Outbox;
using TechSupport.Search.Elasticsearch;
using TechSupport.Search.Lucene;

namespace TechSupport.Web.Infrastructure;

public static class SearchSetup
{
    // The engine is chosen by configuration only (Search:Engine); the outbox dispatcher feeds it, and an
    // index that an older version wrote, or that was lost, damaged or emptied, is rebuilt in the
    // background (at start, and whenever the engine says so).
    public static IServiceCollection AddTechSupportSearch(this IServiceCollection services, TechSupportSettings settings,
        IConfiguration config)
    {
        var synonyms = Path.Combine(AppContext.BaseDirectory, "seed", "search", "synonyms.txt");
        if (settings.SearchEngine == "Elasticsearch")
        {
            services.AddElasticsearchSearch(config.GetSection("Search"), synonyms);
        }
        else
        {
            services.AddLuceneSearch(Path.Combine(settings.DataPath, "index"), synonyms);
        }

        services.AddSingleton<SearchIndexStatus>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<SearchIndexRecovery>();
        services.AddHostedService(provider => provider.GetRequiredService<SearchIndexRecovery>());
        return services;
    }
}
