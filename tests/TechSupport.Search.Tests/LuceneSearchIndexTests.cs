using Lucene.Net.Analysis.Standard;
using Lucene.Net.Index;
using FSDirectory = Lucene.Net.Store.FSDirectory;
using Lucene.Net.Util;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Search;
using TechSupport.Search.Lucene;

namespace TechSupport.Search.Tests;

// The contract on the embedded Lucene index, in a temporary folder deleted after each test.
public sealed class LuceneSearchIndexTests : SearchIndexContract
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "techsupport-search-tests", Guid.NewGuid().ToString("N"));

    // The project copies seed/search/** under seed/ (LinkBase drops the "search" folder); accept either layout.
    public static string SynonymsFile { get; } = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "seed", "search", "synonyms.txt"),
            Path.Combine(AppContext.BaseDirectory, "seed", "synonyms.txt"),
        }
        .FirstOrDefault(File.Exists) ?? Path.Combine(AppContext.BaseDirectory, "seed", "synonyms.txt");

    protected override Task<ISearchIndex> CreateIndexAsync() => Task.FromResult<ISearchIndex>(new LuceneSearchIndex(folder, SynonymsFile));

    protected override async Task DeleteIndexAsync(ISearchIndex created)
    {
        await base.DeleteIndexAsync(created);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Indexed_faults_survive_a_restart()
    {
        var fault = SearchDocumentBuilder.Fault("Genlock lost on the grade").WithSymptoms("Reference drops every hour.").WithVersion(7);
        await Index.IndexAsync([fault.Build()], None);

        ((IDisposable)Index).Dispose();
        using var reopened = new LuceneSearchIndex(folder, SynonymsFile);

        var hits = await reopened.SearchAsync(new SearchQuery { Access = Callers.Operator(), Text = "genlock" }, None);
        Assert.Equal(fault.Key, Assert.Single(hits.Hits).Key);
        await reopened.IndexAsync([SearchDocumentBuilder.Fault("Older").WithId(fault.Build().Id).WithVersion(6).Build()], None);
        Assert.Equal("Genlock lost on the grade", Assert.Single((await reopened.SearchAsync(new SearchQuery { Access = Callers.Operator() }, None)).Hits).Title);
    }

    [Fact]
    public async Task A_second_index_on_a_folder_another_holds_touches_nothing_says_it_is_in_use_and_opens_once_it_is_let_go()
    {
        var fault = SearchDocumentBuilder.Fault("Genlock lost on the grade").Build();
        await Index.IndexAsync([fault], None);

        using (var second = new LuceneSearchIndex(folder, SynonymsFile))
        {
            var health = await second.HealthAsync(None);
            Assert.True(health.InUse);
            Assert.False(health.Healthy);
            Assert.StartsWith("The search index is in use by a running TechSupport (process ", health.Description, StringComparison.Ordinal);
            await Assert.ThrowsAsync<SearchUnavailableException>(() => second.BeginRebuildAsync(None));
            await Assert.ThrowsAsync<SearchUnavailableException>(() => second.IndexAsync([SearchDocumentBuilder.Fault("Beside it").Build()], None));
        }

        Assert.Equal(fault.Key, Assert.Single((await Index.SearchAsync(new SearchQuery { Access = Callers.Operator() }, None)).Hits).Key);
        ((IDisposable)Index).Dispose();
        using var reopened = new LuceneSearchIndex(folder, SynonymsFile);
        Assert.False((await reopened.HealthAsync(None)).InUse);
        Assert.Equal(fault.Key, Assert.Single((await reopened.SearchAsync(new SearchQuery { Access = Callers.Operator() }, None)).Hits).Key);
    }

    [Fact]
    public async Task An_index_an_older_version_wrote_still_answers_asks_for_a_rebuild_and_is_current_after_one()
    {
        var older = Path.Combine(Path.GetTempPath(), "techsupport-search-tests", Guid.NewGuid().ToString("N"));
        try
        {
            // What the first version left: a generation whose commit names no field layout.
            using (var directory = FSDirectory.Open(Path.Combine(older, "gen-first")))
            using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48))))
            {
                writer.Commit();
            }

            await File.WriteAllTextAsync(Path.Combine(older, "live-generation"), "gen-first");
            using var index = new LuceneSearchIndex(older, SynonymsFile);
            var fault = SearchDocumentBuilder.Fault("Genlock lost on the grade").WithSymptoms("Reference drops every hour.").Build();
            await index.IndexAsync([fault], None);
            var query = new SearchQuery { Access = Callers.Operator(), Text = "genlok reference drops" };

            Assert.True((await index.HealthAsync(None)).RebuildNeeded);
            Assert.Equal(fault.Key, Assert.Single((await index.SearchAsync(query, None)).Hits).Key);

            await using (var rebuild = await index.BeginRebuildAsync(None))
            {
                await rebuild.AddAsync([fault], None);
                await rebuild.CommitAsync(None);
            }

            var health = await index.HealthAsync(None);
            Assert.True(health.Healthy);
            Assert.False(health.RebuildNeeded);
            Assert.Equal(fault.Key, Assert.Single((await index.SearchAsync(query, None)).Hits).Key);
        }
        finally
        {
            if (Directory.Exists(older))
            {
                Directory.Delete(older, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_committed_rebuild_is_what_a_restart_opens_and_the_old_folder_is_gone()
    {
        await Index.IndexAsync([SearchDocumentBuilder.Fault("Old index fault").Build()], None);
        var rebuilt = SearchDocumentBuilder.Fault("Rebuilt fault");
        await using (var rebuild = await Index.BeginRebuildAsync(None))
        {
            await rebuild.AddAsync([rebuilt.Build()], None);
            await rebuild.CommitAsync(None);
        }

        ((IDisposable)Index).Dispose();
        using var reopened = new LuceneSearchIndex(folder, SynonymsFile);

        var hits = await reopened.SearchAsync(new SearchQuery { Access = Callers.Operator() }, None);
        Assert.Equal(rebuilt.Key, Assert.Single(hits.Hits).Key);
        Assert.Single(Directory.GetDirectories(folder));
    }

    [Fact]
    public async Task An_abandoned_rebuild_leaves_no_folder_behind()
    {
        await using (var rebuild = await Index.BeginRebuildAsync(None))
        {
            await rebuild.AddAsync([SearchDocumentBuilder.Fault("Never live").Build()], None);
        }

        Assert.Single(Directory.GetDirectories(folder));
    }

    [Fact]
    public async Task An_update_written_while_a_rebuild_runs_is_kept_when_it_commits()
    {
        var fault = SearchDocumentBuilder.Fault("Old title").WithVersion(1);
        var deleted = SearchDocumentBuilder.Fault("Deleted during the rebuild").WithVersion(1);
        await Index.IndexAsync([fault.Build(), deleted.Build()], None);

        await using (var rebuild = await Index.BeginRebuildAsync(None))
        {
            await Index.IndexAsync([SearchDocumentBuilder.Fault("Title changed during the rebuild").WithId(fault.Build().Id).WithVersion(2).Build()], None);
            await Index.DeleteAsync(deleted.Key, 2, None);
            // The rebuild read the database before those changes.
            await rebuild.AddAsync([fault.Build(), deleted.Build()], None);
            await rebuild.CommitAsync(None);
        }

        var hit = Assert.Single((await SearchAsync(null)).Hits);
        Assert.Equal("Title changed during the rebuild", hit.Title);
    }

    [Fact]
    public async Task A_second_rebuild_cannot_start_while_one_runs()
    {
        await using var rebuild = await Index.BeginRebuildAsync(None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Index.BeginRebuildAsync(None));
    }

    [Fact]
    public async Task A_closed_index_reports_unhealthy_and_refuses_reads_as_unavailable()
    {
        ((IDisposable)Index).Dispose();

        Assert.False((await Index.HealthAsync(None)).Healthy);
        await Assert.ThrowsAsync<SearchUnavailableException>(() => SearchAsync("anything"));
    }

    [Fact]
    public async Task Concurrent_searches_and_writes_do_not_interfere()
    {
        var writes = Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            Index.IndexAsync([SearchDocumentBuilder.Fault($"Playback stutter {i}").WithSymptoms("Playback stutters.").Build()], None)));
        var reads = Enumerable.Range(0, 40).Select(_ => Task.Run(() => SearchAsync("stutters")));

        await Task.WhenAll(writes.Concat<Task>(reads));

        Assert.Equal(20, (await SearchAsync("stutters")).Total);
    }

    [Fact]
    public void The_service_registration_gives_one_index_as_the_port()
    {
        // The folder takes one writer: close the test's own index first.
        ((IDisposable)Index).Dispose();
        var services = new ServiceCollection().AddLogging().AddLuceneSearch(folder, SynonymsFile);
        using var provider = services.BuildServiceProvider();

        var port = provider.GetRequiredService<ISearchIndex>();

        Assert.IsType<LuceneSearchIndex>(port);
        Assert.Same(port, provider.GetRequiredService<LuceneSearchIndex>());
    }
}
