using System.Net;
using System.Text.Json.Nodes;

namespace TechSupport.Search.Tests.Elasticsearch;

public sealed class ElasticsearchRebuildTests
{
    private static FakeElasticsearch LiveOn(string index)
    {
        var engine = new FakeElasticsearch();
        engine.AddIndex(index, "techsupport-docs");
        return engine;
    }

    [Fact]
    public async Task A_rebuild_fills_the_next_versioned_index_which_nobody_reads_yet()
    {
        var engine = LiveOn("techsupport-docs-000001");
        await using var host = AdapterHost.Create(engine);

        await using var rebuild = await host.Index.BeginRebuildAsync(CancellationToken.None);
        await rebuild.AddAsync([TestDocuments.Fault(1, version: 5)], CancellationToken.None);

        var create = engine.Last(HttpMethod.Put, "/techsupport-docs-000002");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"aliases":{"techsupport-docs-rebuilding":{}}}"""), create.Json));
        var lines = engine.Last(HttpMethod.Post, "/_bulk").Lines;
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse($$$"""{"index":{"_index":"techsupport-docs-000002","_id":"{{{TestDocuments.Fault(1).Key}}}","version":5,"version_type":"external"}}"""),
            lines[0]));
        Assert.Equal(["techsupport-docs"], engine.Indices["techsupport-docs-000001"]);
    }

    [Fact]
    public async Task Committing_swaps_the_alias_in_one_request_then_deletes_the_old_index()
    {
        var engine = LiveOn("techsupport-docs-000001");
        await using var host = AdapterHost.Create(engine);

        await using (var rebuild = await host.Index.BeginRebuildAsync(CancellationToken.None))
        {
            await rebuild.AddAsync([TestDocuments.Fault(1)], CancellationToken.None);
            await rebuild.CommitAsync(CancellationToken.None);
        }

        Assert.Single(engine.To(HttpMethod.Post, "/techsupport-docs-000002/_refresh"));
        var swap = engine.Last(HttpMethod.Post, "/_aliases");
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""
                {"actions":[
                  {"remove":{"index":"techsupport-docs-000001","alias":"techsupport-docs"}},
                  {"remove":{"index":"techsupport-docs-000002","alias":"techsupport-docs-rebuilding"}},
                  {"add":{"index":"techsupport-docs-000002","alias":"techsupport-docs"}}]}
                """),
            swap.Json));
        var order = engine.Requests.Select(r => r.ToString()).ToList();
        Assert.True(order.IndexOf("POST /_aliases") < order.IndexOf("DELETE /techsupport-docs-000001"));
        Assert.Equal(["techsupport-docs-000002"], engine.Indices.Keys);
        Assert.Equal(["techsupport-docs"], engine.Indices["techsupport-docs-000002"]);
    }

    [Fact]
    public async Task Disposing_an_uncommitted_rebuild_deletes_its_index_and_leaves_the_live_one()
    {
        var engine = LiveOn("techsupport-docs-000001");
        await using var host = AdapterHost.Create(engine);

        await using (var rebuild = await host.Index.BeginRebuildAsync(CancellationToken.None))
        {
            await rebuild.AddAsync([TestDocuments.Fault(1)], CancellationToken.None);
        }

        Assert.Single(engine.To(HttpMethod.Delete, "/techsupport-docs-000002"));
        Assert.Empty(engine.To(HttpMethod.Post, "/_aliases"));
        Assert.Equal(["techsupport-docs-000001"], engine.Indices.Keys);
    }

    [Fact]
    public async Task Live_writes_during_a_rebuild_reach_the_new_index_too()
    {
        var engine = LiveOn("techsupport-docs-000001");
        await using var host = AdapterHost.Create(engine);
        await using var rebuild = await host.Index.BeginRebuildAsync(CancellationToken.None);

        await host.Index.IndexAsync([TestDocuments.Fault(1, version: 8)], CancellationToken.None);
        await host.Index.DeleteAsync("fault-2", 3, CancellationToken.None);

        var writes = engine.To(HttpMethod.Post, "/_bulk");
        Assert.Equal(
            ["techsupport-docs", "techsupport-docs-rebuilding"],
            writes[0].Lines.Where(l => l["index"] is not null).Select(l => l["index"]!["_index"]!.GetValue<string>()));
        Assert.All(writes[0].Lines.Where(l => l["index"] is not null), l => Assert.True(l["index"]!["require_alias"]!.GetValue<bool>()));
        Assert.Equal(
            ["techsupport-docs", "techsupport-docs-rebuilding"],
            writes[1].Lines.Select(l => l["delete"]!["_index"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_rebuild_index_gone_between_lookup_and_write_does_not_fail_the_live_write()
    {
        var engine = LiveOn("techsupport-docs-000001");
        engine.AddIndex("techsupport-docs-000002", "techsupport-docs-rebuilding");
        var key = TestDocuments.Fault(1).Key;
        engine.Respond = request => request.Path == "/_bulk"
            ? FakeElasticsearch.Json("""
                {"took":1,"errors":true,"items":[
                  {"index":{"_index":"techsupport-docs-000001","_id":"KEY","_version":1,"result":"created","status":201}},
                  {"index":{"_index":"techsupport-docs-rebuilding","_id":"KEY","status":404,
                    "error":{"type":"index_not_found_exception","reason":"no such index [techsupport-docs-rebuilding] and [require_alias] request flag is [true] and [techsupport-docs-rebuilding] is not an alias"}}}]}
                """.Replace("KEY", key, StringComparison.Ordinal))
            : null;
        await using var host = AdapterHost.Create(engine);

        await host.Index.IndexAsync([TestDocuments.Fault(1)], CancellationToken.None);
    }

    [Fact]
    public async Task A_rebuild_left_over_by_a_dead_process_is_superseded()
    {
        var engine = LiveOn("techsupport-docs-000001");
        engine.AddIndex("techsupport-docs-000002", "techsupport-docs-rebuilding");
        await using var host = AdapterHost.Create(engine);

        await using var rebuild = await host.Index.BeginRebuildAsync(CancellationToken.None);

        Assert.Single(engine.To(HttpMethod.Delete, "/techsupport-docs-000002"));
        Assert.Equal(["techsupport-docs-rebuilding"], engine.Indices["techsupport-docs-000003"]);
    }

    [Fact]
    public async Task A_swap_whose_answer_was_lost_but_which_took_effect_counts_as_committed()
    {
        var engine = LiveOn("techsupport-docs-000001");
        await using var host = AdapterHost.Create(engine);
        await using var rebuild = await host.Index.BeginRebuildAsync(CancellationToken.None);
        engine.Respond = request =>
        {
            if (request.Path != "/_aliases")
            {
                return null;
            }

            // The first attempt took effect but its answer timed out; the retry finds the old alias gone.
            engine.Respond = null;
            engine.AddIndex("techsupport-docs-000001");
            engine.AddIndex("techsupport-docs-000002", "techsupport-docs");
            return FakeElasticsearch.Error(HttpStatusCode.NotFound, "aliases_not_found_exception", "aliases [techsupport-docs] missing");
        };

        await rebuild.CommitAsync(CancellationToken.None);

        Assert.Single(engine.To(HttpMethod.Delete, "/techsupport-docs-000001"));
    }

    [Fact]
    public async Task A_committed_rebuild_refuses_more_documents()
    {
        await using var host = AdapterHost.Create(LiveOn("techsupport-docs-000001"));
        await using var rebuild = await host.Index.BeginRebuildAsync(CancellationToken.None);
        await rebuild.CommitAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => rebuild.AddAsync([TestDocuments.Fault(1)], CancellationToken.None));
    }
}
