using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TechSupport.Search.Elasticsearch;

namespace TechSupport.Search.Tests.Elasticsearch;

/// <summary>
/// The adapter as the app wires it (<see cref="ElasticsearchServiceCollectionExtensions.AddElasticsearchSearch"/>,
/// resilience included), with the fake engine as the HttpClient's primary handler and retries that take
/// milliseconds.
/// </summary>
public sealed class AdapterHost : IAsyncDisposable
{
    public const string Url = "http://elasticsearch.test:9200";

    private readonly ServiceProvider provider;

    private AdapterHost(ServiceProvider provider, FakeElasticsearch engine, CapturedLogs logs, string synonymsFile)
    {
        this.provider = provider;
        Engine = engine;
        Logs = logs;
        SynonymsFile = synonymsFile;
    }

    public FakeElasticsearch Engine { get; }

    public CapturedLogs Logs { get; }

    public string SynonymsFile { get; }

    /// <summary>A fresh typed client each time, as a scoped consumer would get.</summary>
    public ISearchIndex Index => provider.GetRequiredService<ISearchIndex>();

    public static AdapterHost Create(
        FakeElasticsearch? engine = null, IDictionary<string, string?>? settings = null, string? synonymsFile = null)
    {
        engine ??= new FakeElasticsearch();
        var values = new Dictionary<string, string?>
        {
            ["Search:Engine"] = "Elasticsearch",
            ["Search:Elasticsearch:Url"] = Url,
            ["Search:Elasticsearch:MaxRetryAttempts"] = "2",
            ["Search:Elasticsearch:RetryDelay"] = "00:00:00.001",
            ["Search:Elasticsearch:AttemptTimeout"] = "00:00:02",
            ["Search:Elasticsearch:TotalTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var synonyms = synonymsFile ?? Path.Combine(Path.GetTempPath(), $"no-synonyms-{Guid.NewGuid():N}.txt");
        services.AddElasticsearchSearch(configuration.GetSection("Search"), synonyms);
        services.AddHttpClient(ElasticsearchSearchIndex.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => engine);
        return new AdapterHost(services.BuildServiceProvider(validateScopes: true), engine, logs, synonyms);
    }

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
