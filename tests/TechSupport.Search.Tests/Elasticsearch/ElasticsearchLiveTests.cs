namespace TechSupport.Search.Tests.Elasticsearch;

/// <summary>
/// What only a real Elasticsearch 8 can prove: that it accepts the template, the bulk lines and the query
/// bodies, and that analysis, versions and the alias swap behave as the adapter expects. Skipped without
/// <c>ELASTICSEARCH_URL</c>; the shared contract suite runs beside it in <see cref="ElasticsearchSearchIndexTests"/>.
/// </summary>
[RequiresEnvironmentVariable(LiveElasticsearch.UrlVariable, LiveElasticsearch.SkipReason)]
public sealed class ElasticsearchLiveTests(LiveElasticsearch server) : IClassFixture<LiveElasticsearch>
{
    private static readonly Guid Feature = TestDocuments.Feature;

    private static SearchDocument Standard(int number, string title, string text, long version = 1) => TestDocuments.Fault(number, version) with
    {
        Title = title,
        Text = text,
        Access = DocumentAccess.Standard,
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(number % 300),
    };

    private async Task<(ISearchIndex Index, string Prefix)> IndexWithAsync(params SearchDocument[] documents)
    {
        var synonyms = Path.Combine(Path.GetTempPath(), $"synonyms-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(synonyms, ["# test list", "san, shared storage", "dropped frames, skipped frames"]);
        var prefix = server.NewPrefix();
        var index = server.CreateIndex(prefix, synonyms);
        await index.IndexAsync(documents, CancellationToken.None);
        await server.RefreshAsync(prefix);
        File.Delete(synonyms);
        return (index, prefix);
    }

    [Fact]
    public async Task The_engine_accepts_the_template_and_finds_a_fix_by_typo_synonym_version_and_number()
    {
        var (index, _) = await IndexWithAsync(
            Standard(1042, "Playback stutters from the SAN", "Dropped frames after the 19.1 update"),
            Standard(1043, "Audio drifts out of sync", "Lip sync drifts on long takes after 18.6"),
            Standard(1044, "Licence server unreachable", "Error KB5034441 after Windows update"));
        var caller = TestDocuments.OperatorWithoutClearances;

        var typo = await index.SearchAsync(new SearchQuery { Access = caller, Text = "playbak stuter" }, CancellationToken.None);
        var synonym = await index.SearchAsync(new SearchQuery { Access = caller, Text = "shared storage" }, CancellationToken.None);
        var version = await index.SearchAsync(new SearchQuery { Access = caller, Text = "19.1" }, CancellationToken.None);
        var code = await index.SearchAsync(new SearchQuery { Access = caller, Text = "KB5034441" }, CancellationToken.None);
        var number = await index.SearchAsync(new SearchQuery { Access = caller, Text = "TS-1043" }, CancellationToken.None);

        Assert.Equal("TS-1042", typo.Hits[0].Number);
        Assert.Equal("TS-1042", synonym.Hits[0].Number);
        Assert.Equal("TS-1042", version.Hits[0].Number);
        Assert.Equal("TS-1044", code.Hits[0].Number);
        Assert.Equal("TS-1043", number.Hits[0].Number);
        Assert.Contains("<mark>", typo.Hits[0].Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Words_of_a_restricted_fault_never_surface_for_a_caller_without_clearance_not_even_as_a_count()
    {
        var restricted = Standard(1, "Rushes leaked from the Zanzibar project", "Zanzibar drive missing") with
        {
            Access = new DocumentAccess("Restricted", Feature, TestDocuments.Manager, SecurityIncident: false),
            Category = "Archive",
        };
        var (index, _) = await IndexWithAsync(restricted, Standard(2, "Grade monitor flickers", "Flicker on the grade monitor"));

        var blind = await index.SearchAsync(new SearchQuery { Access = TestDocuments.ManagerWithoutClearances, Text = "Zanzibar" }, CancellationToken.None);
        var browse = await index.SearchAsync(new SearchQuery { Access = TestDocuments.OperatorWithoutClearances }, CancellationToken.None);
        var cleared = await index.SearchAsync(new SearchQuery { Access = TestDocuments.ClearedFor(Feature), Text = "Zanzibar" }, CancellationToken.None);

        Assert.Equal(0, blind.Total);
        Assert.Empty(blind.Hits);
        Assert.All(blind.Facets.Values, Assert.Empty);
        Assert.Equal(1, browse.Total);
        Assert.DoesNotContain(browse.Facets["category"], f => f.Value == "Archive");
        Assert.Equal(1, cleared.Total);
        Assert.Equal(1, await index.CountAsync(TestDocuments.OperatorWithoutClearances, DocumentKind.Fault, CancellationToken.None));
    }

    [Fact]
    public async Task An_older_version_never_overwrites_a_newer_one_and_an_older_delete_is_ignored()
    {
        var (index, prefix) = await IndexWithAsync(Standard(1, "Version two", "newer", version: 2));

        await index.IndexAsync([Standard(1, "Version one", "older", version: 1)], CancellationToken.None);
        await index.DeleteAsync(Standard(1, "", "").Key, 1, CancellationToken.None);
        await server.RefreshAsync(prefix);

        var hit = Assert.Single((await index.SearchAsync(new SearchQuery { Access = TestDocuments.OperatorWithoutClearances }, CancellationToken.None)).Hits);
        Assert.Equal("Version two", hit.Title);
        var versions = new List<(string, long)>();
        await foreach (var entry in index.VersionsAsync(CancellationToken.None))
        {
            versions.Add(entry);
        }

        Assert.Equal([(hit.Key, 2L)], versions);

        await index.DeleteAsync(hit.Key, 3, CancellationToken.None);
        await server.RefreshAsync(prefix);
        Assert.Equal(0, await index.CountAsync(TestDocuments.OperatorWithoutClearances, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_committed_rebuild_replaces_the_live_index_and_an_abandoned_one_leaves_it_alone()
    {
        var (index, prefix) = await IndexWithAsync(Standard(1, "Old document", "from before the rebuild"));

        await using (var abandoned = await index.BeginRebuildAsync(CancellationToken.None))
        {
            await abandoned.AddAsync([Standard(2, "Abandoned", "never committed")], CancellationToken.None);
        }

        await using (var rebuild = await index.BeginRebuildAsync(CancellationToken.None))
        {
            await rebuild.AddAsync([Standard(3, "Rebuilt document", "from the database")], CancellationToken.None);
            await rebuild.CommitAsync(CancellationToken.None);
        }

        var indices = await server.IndicesAsync(prefix);
        var live = Assert.Single(indices);
        Assert.Equal([$"{prefix}-docs"], live.Value);
        Assert.EndsWith("-000003", live.Key, StringComparison.Ordinal);
        var hit = Assert.Single((await index.SearchAsync(new SearchQuery { Access = TestDocuments.OperatorWithoutClearances }, CancellationToken.None)).Hits);
        Assert.Equal("Rebuilt document", hit.Title);
    }

    [Fact]
    public async Task Suggestions_similar_faults_and_health_work_on_the_engine()
    {
        var resolve = new ComponentKey("DaVinci Resolve Studio", "19.1.2");
        var fixedFault = Standard(1, "Playback stutters from shared storage", "Dropped frames in Resolve after the update") with
        {
            Components = [resolve],
            HasFix = true,
        };
        var openFault = Standard(2, "Playback stutters on the SAN", "Dropped frames again in Resolve") with { HasFix = false };
        var (index, _) = await IndexWithAsync(fixedFault, openFault);

        var suggestions = await index.SuggestAsync(
            new SuggestionQuery { Access = TestDocuments.OperatorWithoutClearances, Title = "playback stutters", Symptoms = "dropped frames", Components = [resolve] },
            CancellationToken.None);
        var similar = await index.SimilarAsync(new SimilarQuery { Access = TestDocuments.OperatorWithoutClearances, Key = openFault.Key }, CancellationToken.None);
        var health = await index.HealthAsync(CancellationToken.None);

        var suggestion = Assert.Single(suggestions);
        Assert.Equal(fixedFault.Key, suggestion.Key);
        Assert.Equal(1.0, suggestion.ConfigurationMatch);
        Assert.Equal(fixedFault.Fix, suggestion.Fix);
        Assert.Equal([fixedFault.Key], similar.Select(s => s.Key));
        Assert.True(health.Healthy, health.Description);
    }
}
