using System.Net.Http.Json;
using System.Text.Json;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Domain;
using TechSupport.Search;
using TechSupport.Tests.Support;
using FSDirectory = Lucene.Net.Store.FSDirectory;

namespace TechSupport.Tests;

public sealed class SearchIndexUpgradeTests
{
    [Fact]
    public async Task An_index_an_older_version_wrote_is_rebuilt_from_the_database_when_the_app_starts()
    {
        await using var app = new TechSupportApp().With("TechSupport:Demo", "true");
        // What the first version left: one generation with no field layout recorded, holding a fault the database never had.
        var index = Path.Combine(app.DataPath, "index");
        using (var directory = FSDirectory.Open(Path.Combine(index, "gen-first")))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48))))
        {
            writer.AddDocument(new Document
            {
                new StringField("key", $"fault:{Guid.NewGuid():D}", Field.Store.YES),
                new StringField("acl_classification", "standard", Field.Store.NO),
                new TextField("title", "Quorblax ghost fault", Field.Store.YES),
            });
            writer.Commit();
        }

        await File.WriteAllTextAsync(Path.Combine(index, "live-generation"), "gen-first");

        var manager = (await app.UserAsync(Role.Manager)).Client;
        var engine = app.Services.GetRequiredService<ISearchIndex>();
        for (var waited = 0; (await engine.HealthAsync(CancellationToken.None)).RebuildNeeded; waited++)
        {
            Assert.True(waited < 600, "The old index was not rebuilt within a minute of the app starting.");
            await Task.Delay(100);
        }

        await app.IndexedAsync();
        var ghost = await manager.GetFromJsonAsync<JsonElement>("/api/v1/search?q=quorblax", TechSupportApp.Json);
        var everything = await manager.GetFromJsonAsync<JsonElement>("/api/v1/search", TechSupportApp.Json);
        var faults = await manager.GetFromJsonAsync<JsonElement>("/api/v1/faults?pageSize=1", TechSupportApp.Json);

        Assert.Equal(0, ghost.GetProperty("total").GetInt32());
        Assert.True(faults.GetProperty("total").GetInt32() > 0);
        Assert.Equal(faults.GetProperty("total").GetInt32(),
            everything.GetProperty("facets").GetProperty("status").EnumerateArray().Sum(s => s.GetProperty("count").GetInt32()));
    }
}
