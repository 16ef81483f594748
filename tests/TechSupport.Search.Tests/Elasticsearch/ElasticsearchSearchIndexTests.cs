namespace TechSupport.Search.Tests.Elasticsearch;

/// <summary>
/// The shared contract suite on a real Elasticsearch 8, each test on its own fresh index. Without
/// <c>ELASTICSEARCH_URL</c> every inherited test is reported skipped with the reason, never run.
/// </summary>
[RequiresEnvironmentVariable(LiveElasticsearch.UrlVariable, LiveElasticsearch.SkipReason)]
public sealed class ElasticsearchSearchIndexTests(LiveElasticsearch server) : SearchIndexContract, IClassFixture<LiveElasticsearch>
{
    private readonly List<string> prefixes = [];

    protected override Task<ISearchIndex> CreateIndexAsync()
    {
        var prefix = server.NewPrefix();
        prefixes.Add(prefix);
        return Task.FromResult(server.CreateIndex(prefix));
    }

    // Elasticsearch makes writes searchable within its refresh interval; the contract reads at once.
    protected override async Task SettleAsync()
    {
        foreach (var prefix in prefixes)
        {
            await server.RefreshAsync(prefix);
        }
    }
}
