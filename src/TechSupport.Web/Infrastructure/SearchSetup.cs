using TechSupport.Application.Outbox;
using TechSupport.Search.Elasticsearch;
using TechSupport.Search.Lucene;

namespace TechSupport.Web.Infrastructure;

public static class SearchSetup
{
    // The engine is chosen by configuration only (Search:Engine); the outbox dispatcher feeds it, and an
    // index an older version wrote is rebuilt in the background at start.
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

        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        services.AddHostedService<SearchIndexUpgrade>();
        return services;
    }
}
