using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TechSupport.Search.Lucene;

/// <summary>Registers the embedded Lucene search engine.</summary>
public static class LuceneServiceCollectionExtensions
{
    /// <summary>Adds one <see cref="LuceneSearchIndex"/> for the app's lifetime as the <see cref="ISearchIndex"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="indexFolder">The index's root folder (the app passes <c>&lt;DataPath&gt;/index</c>).</param>
    /// <param name="synonymsFile">The synonyms file, <c>seed/search/synonyms.txt</c>.</param>
    public static IServiceCollection AddLuceneSearch(this IServiceCollection services, string indexFolder, string synonymsFile)
    {
        services.AddSingleton(provider => new LuceneSearchIndex(indexFolder, synonymsFile,
            provider.GetService<ILogger<LuceneSearchIndex>>(), provider.GetService<TimeProvider>()));
        services.AddSingleton<ISearchIndex>(provider => provider.GetRequiredService<LuceneSearchIndex>());
        return services;
    }
}
