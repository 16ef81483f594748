using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace TechSupport.Search.Elasticsearch;

/// <summary>Registers the Elasticsearch adapter as the <see cref="ISearchIndex"/>.</summary>
public static class ElasticsearchServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ElasticsearchSearchIndex"/> as <see cref="ISearchIndex"/>: a typed HttpClient
    /// with the standard resilience pipeline (attempt and total timeouts, retries with exponential back-off
    /// and jitter on transport errors, 408, 429 and 5xx, a circuit breaker) and options validated at start.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="searchSection">The <c>Search</c> section; the options are its <c>Elasticsearch</c> child (<c>Search:Elasticsearch</c>).</param>
    /// <param name="synonymsFile">The Solr-format synonym list the Lucene adapter reads too; <c>Search:Elasticsearch:SynonymsFile</c> overrides it.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddElasticsearchSearch(this IServiceCollection services, IConfiguration searchSection, string synonymsFile)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(searchSection);

        services.AddOptions<ElasticsearchOptions>()
            .Bind(searchSection.GetSection(ElasticsearchOptions.SectionName))
            .PostConfigure(o => o.SynonymsFile ??= synonymsFile)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ElasticsearchOptions>, ElasticsearchOptionsValidator>();
        services.AddSingleton<ElasticsearchIndexState>();

        services
            .AddHttpClient<ISearchIndex, ElasticsearchSearchIndex>(
                ElasticsearchSearchIndex.HttpClientName,
                (http, provider) => new ElasticsearchSearchIndex(
                    http,
                    provider.GetRequiredService<ElasticsearchIndexState>(),
                    provider.GetRequiredService<IOptions<ElasticsearchOptions>>(),
                    provider.GetRequiredService<ILogger<ElasticsearchSearchIndex>>()))
            .ConfigureHttpClient((provider, http) => Configure(http, provider.GetRequiredService<IOptions<ElasticsearchOptions>>().Value))
            // Pooled connections are recycled, so a long-lived client still follows the engine's DNS name.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                AutomaticDecompression = DecompressionMethods.All,
            })
            .AddStandardResilienceHandler()
            .Configure((resilience, provider) => Configure(resilience, provider.GetRequiredService<IOptions<ElasticsearchOptions>>().Value));

        return services;
    }

    private static void Configure(HttpClient http, ElasticsearchOptions options)
    {
        // Relative request paths resolve under the base address only when it ends with '/'.
        var url = options.Url!.EndsWith('/') ? options.Url : options.Url + "/";
        http.BaseAddress = new Uri(url, UriKind.Absolute);
        http.Timeout = options.TotalTimeout + TimeSpan.FromSeconds(5);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", options.ApiKey);
        }
        else if (!string.IsNullOrEmpty(options.Username))
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}"));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }
    }

    private static void Configure(HttpStandardResilienceOptions resilience, ElasticsearchOptions options)
    {
        resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
        resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
        resilience.Retry.MaxRetryAttempts = options.MaxRetryAttempts;
        resilience.Retry.Delay = options.RetryDelay;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;

        // The breaker's window must span at least two attempts (the pipeline's own validation).
        var window = options.AttemptTimeout * 2;
        if (resilience.CircuitBreaker.SamplingDuration < window)
        {
            resilience.CircuitBreaker.SamplingDuration = window;
        }
    }
}
