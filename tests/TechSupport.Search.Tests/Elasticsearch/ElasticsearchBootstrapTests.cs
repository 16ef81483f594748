using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace TechSupport.Search.Tests.Elasticsearch;

public sealed class ElasticsearchBootstrapTests
{
    private static SearchQuery Browse => new() { Access = TestDocuments.OperatorWithoutClearances };

    [Fact]
    public async Task First_use_puts_the_template_then_creates_the_first_versioned_index_behind_the_alias()
    {
        await using var host = AdapterHost.Create();

        await host.Index.SearchAsync(Browse, CancellationToken.None);

        Assert.Equal(
            [
                "PUT /_index_template/techsupport-docs",
                "GET /techsupport-docs-*/_alias",
                "PUT /techsupport-docs-000001",
                "POST /techsupport-docs/_search",
            ],
            host.Engine.Requests.Select(r => r.ToString()));
        var create = host.Engine.Last(HttpMethod.Put, "/techsupport-docs-000001");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"aliases":{"techsupport-docs":{}}}"""), create.Json));
        Assert.Equal(["techsupport-docs"], host.Engine.Indices["techsupport-docs-000001"]);
    }

    [Fact]
    public async Task The_template_is_the_infra_file_with_the_index_pattern_and_the_shared_synonyms_filled_in()
    {
        var synonyms = Path.Combine(Path.GetTempPath(), $"synonyms-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(synonyms, ["# post-production words", "", "san, shared storage", "  tc => timecode  ", "dropped frames, skipped frames"]);
        try
        {
            await using var host = AdapterHost.Create(synonymsFile: synonyms);

            await host.Index.SearchAsync(Browse, CancellationToken.None);

            var template = host.Engine.Last(HttpMethod.Put, "/_index_template/techsupport-docs");
            Assert.Equal("application/json", template.ContentType);
            var body = template.Json;
            Assert.Equal("""["techsupport-docs-*"]""", body["index_patterns"]!.ToJsonString());
            Assert.False(body["allow_auto_create"]!.GetValue<bool>());
            var analysis = body["template"]!["settings"]!["analysis"]!;
            Assert.Equal(
                ["san, shared storage", "tc => timecode", "dropped frames, skipped frames"],
                analysis["filter"]!["techsupport_synonyms"]!["synonyms"]!.AsArray().Select(rule => rule!.GetValue<string>()));
            Assert.Equal("synonym_graph", analysis["filter"]!["techsupport_synonyms"]!["type"]!.GetValue<string>());
            Assert.Contains("techsupport_synonyms", analysis["analyzer"]!["techsupport_english_search"]!["filter"]!.AsArray().Select(f => f!.GetValue<string>()));
            Assert.DoesNotContain("techsupport_synonyms", analysis["analyzer"]!["techsupport_english"]!["filter"]!.AsArray().Select(f => f!.GetValue<string>()));
            Assert.Equal("pattern", analysis["tokenizer"]!["techsupport_exact"]!["type"]!.GetValue<string>());

            var properties = body["template"]!["mappings"]!["properties"]!;
            Assert.Equal("techsupport_english_search", properties["title"]!["search_analyzer"]!.GetValue<string>());
            foreach (var keyword in (string[])["key", "kind", "classification", "productionId", "reporterId", "suiteId", "suiteName", "category", "status", "equipment", "number", "components", "componentVersions"])
            {
                Assert.Equal("keyword", properties[keyword]!["type"]!.GetValue<string>());
            }

            Assert.False(properties["workaroundConditions"]!["index"]!.GetValue<bool>());
            Assert.Equal("date", properties["createdAt"]!["type"]!.GetValue<string>());
            Assert.Equal("boolean", properties["hasFix"]!["type"]!.GetValue<string>());
            Assert.Equal("long", properties["version"]!["type"]!.GetValue<string>());
            Assert.DoesNotContain("{{", template.Body.Replace("{{indexPattern}}", "", StringComparison.Ordinal).Replace("{{synonyms}}", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(synonyms);
        }
    }

    [Fact]
    public async Task A_missing_synonym_file_gives_an_inert_rule_and_a_warning_not_a_failure()
    {
        await using var host = AdapterHost.Create();

        await host.Index.SearchAsync(Browse, CancellationToken.None);

        var template = host.Engine.Last(HttpMethod.Put, "/_index_template/techsupport-docs").Json;
        Assert.Equal(
            """["techsupport_no_synonyms"]""",
            template["template"]!["settings"]!["analysis"]!["filter"]!["techsupport_synonyms"]!["synonyms"]!.ToJsonString());
        Assert.Contains(host.Logs.Entries, e => e.Message.Contains(host.SynonymsFile, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_alias_that_already_points_to_an_index_is_used_as_it_is()
    {
        var engine = new FakeElasticsearch();
        engine.AddIndex("techsupport-docs-000007", "techsupport-docs");
        await using var host = AdapterHost.Create(engine);

        await host.Index.SearchAsync(Browse, CancellationToken.None);

        Assert.DoesNotContain(engine.Requests, r => r.Method == HttpMethod.Put && r.Path.StartsWith("/techsupport-docs-", StringComparison.Ordinal));
        Assert.Single(engine.Indices);
    }

    [Fact]
    public async Task An_index_made_from_an_older_template_takes_the_fields_added_since()
    {
        var engine = new FakeElasticsearch();
        engine.AddIndex("techsupport-docs-000007", "techsupport-docs");
        await using var host = AdapterHost.Create(engine);

        await host.Index.SearchAsync(Browse, CancellationToken.None);

        Assert.Equal(
            [
                "PUT /_index_template/techsupport-docs",
                "GET /techsupport-docs-*/_alias",
                "PUT /techsupport-docs/_mapping",
                "POST /techsupport-docs/_search",
            ],
            engine.Requests.Select(r => r.ToString()));
        var mappings = engine.Last(HttpMethod.Put, "/techsupport-docs/_mapping").Json;
        var template = engine.Last(HttpMethod.Put, "/_index_template/techsupport-docs").Json;
        Assert.True(JsonNode.DeepEquals(template["template"]!["mappings"], mappings));
        Assert.Equal("text", mappings["properties"]!["workaroundConditions"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_live_index_that_cannot_take_the_current_mappings_is_still_used_and_the_log_says_to_reindex()
    {
        var engine = new FakeElasticsearch
        {
            Respond = request => request.Path == "/techsupport-docs/_mapping"
                ? FakeElasticsearch.Error(HttpStatusCode.BadRequest, "illegal_argument_exception", "mapper [title] cannot be changed")
                : null,
        };
        engine.AddIndex("techsupport-docs-000007", "techsupport-docs");
        await using var host = AdapterHost.Create(engine);

        await host.Index.SearchAsync(Browse, CancellationToken.None);

        Assert.Single(engine.To(HttpMethod.Post, "/techsupport-docs/_search"));
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("run reindex", StringComparison.Ordinal));
        Assert.Equal(["techsupport-docs-000007"], engine.Indices.Keys);
    }

    [Fact]
    public async Task A_mappings_update_the_engine_is_too_busy_for_is_tried_again_by_the_next_caller()
    {
        var engine = new FakeElasticsearch
        {
            Respond = request => request.Path == "/techsupport-docs/_mapping"
                ? FakeElasticsearch.Error(HttpStatusCode.ServiceUnavailable, "cluster_block_exception", "blocked")
                : null,
        };
        engine.AddIndex("techsupport-docs-000007", "techsupport-docs");
        await using var host = AdapterHost.Create(engine);

        await Assert.ThrowsAsync<SearchUnavailableException>(() => host.Index.SearchAsync(Browse, CancellationToken.None));
        var refused = engine.To(HttpMethod.Put, "/techsupport-docs/_mapping").Count;
        engine.Respond = null;
        await host.Index.SearchAsync(Browse, CancellationToken.None);

        Assert.Equal(refused + 1, engine.To(HttpMethod.Put, "/techsupport-docs/_mapping").Count);
        Assert.Single(engine.To(HttpMethod.Post, "/techsupport-docs/_search"));
    }

    [Fact]
    public async Task Without_an_alias_the_next_number_after_existing_indices_is_created()
    {
        var engine = new FakeElasticsearch();
        engine.AddIndex("techsupport-docs-000003");
        await using var host = AdapterHost.Create(engine);

        await host.Index.SearchAsync(Browse, CancellationToken.None);

        Assert.Equal(["techsupport-docs"], engine.Indices["techsupport-docs-000004"]);
    }

    [Fact]
    public async Task Callers_that_race_on_first_use_make_sure_of_template_and_alias_once()
    {
        await using var host = AdapterHost.Create();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.Index.SearchAsync(Browse, CancellationToken.None)));
        await host.Index.CountAsync(TestDocuments.OperatorWithoutClearances, null, CancellationToken.None);

        Assert.Single(host.Engine.To(HttpMethod.Put, "/_index_template/techsupport-docs"));
        Assert.Single(host.Engine.To(HttpMethod.Put, "/techsupport-docs-000001"));
        Assert.Equal(8, host.Engine.To(HttpMethod.Post, "/techsupport-docs/_search").Count);
    }

    [Fact]
    public async Task Another_instance_creating_the_first_index_at_the_same_moment_is_not_an_error()
    {
        var engine = new FakeElasticsearch();
        engine.Respond = request =>
        {
            if (request.Method == HttpMethod.Put && request.Path == "/techsupport-docs-000001")
            {
                engine.Respond = null;
                engine.AddIndex("techsupport-docs-000001", "techsupport-docs");
                return FakeElasticsearch.Error(HttpStatusCode.BadRequest, "resource_already_exists_exception", "index [techsupport-docs-000001] already exists");
            }

            return null;
        };
        await using var host = AdapterHost.Create(engine);

        await host.Index.SearchAsync(Browse, CancellationToken.None);

        Assert.Equal(2, engine.To(HttpMethod.Get, "/techsupport-docs-*/_alias").Count);
    }

    [Fact]
    public async Task A_failed_first_use_is_tried_again_by_the_next_caller()
    {
        var engine = new FakeElasticsearch
        {
            Respond = request => request.Path.StartsWith("/_index_template", StringComparison.Ordinal)
                ? FakeElasticsearch.Error(HttpStatusCode.ServiceUnavailable, "cluster_block_exception", "blocked")
                : null,
        };
        await using var host = AdapterHost.Create(engine);

        await Assert.ThrowsAsync<SearchUnavailableException>(() => host.Index.SearchAsync(Browse, CancellationToken.None));
        engine.Respond = null;
        await host.Index.SearchAsync(Browse, CancellationToken.None);

        Assert.Single(engine.To(HttpMethod.Post, "/techsupport-docs/_search"));
    }

    [Fact]
    public async Task A_write_to_a_deleted_alias_fails_and_makes_the_next_call_make_sure_of_it_again()
    {
        var engine = new FakeElasticsearch();
        await using var host = AdapterHost.Create(engine);
        await host.Index.SearchAsync(Browse, CancellationToken.None);
        engine.Respond = request => request.Path == "/_bulk"
            ? FakeElasticsearch.Json("""
                {"took":1,"errors":true,"items":[
                  {"index":{"_index":"techsupport-docs","_id":"fault-1","status":404,
                    "error":{"type":"index_not_found_exception","reason":"no such index [techsupport-docs] and [require_alias] request flag is [true] and [techsupport-docs] is not an alias"}}}]}
                """)
            : null;

        await Assert.ThrowsAsync<SearchUnavailableException>(() => host.Index.IndexAsync([TestDocuments.Fault(1)], CancellationToken.None));
        engine.Respond = null;
        await host.Index.IndexAsync([TestDocuments.Fault(1)], CancellationToken.None);

        Assert.Equal(2, engine.To(HttpMethod.Put, "/_index_template/techsupport-docs").Count);
    }

    [Fact]
    public async Task A_deleted_alias_is_made_sure_of_again_after_the_engine_says_the_index_is_gone()
    {
        var engine = new FakeElasticsearch();
        await using var host = AdapterHost.Create(engine);
        await host.Index.SearchAsync(Browse, CancellationToken.None);
        engine.Respond = request => request.Path == "/techsupport-docs/_search"
            ? FakeElasticsearch.Error(HttpStatusCode.NotFound, "index_not_found_exception", "no such index [techsupport-docs]")
            : null;

        await Assert.ThrowsAsync<SearchUnavailableException>(() => host.Index.SearchAsync(Browse, CancellationToken.None));
        engine.Respond = null;
        await host.Index.SearchAsync(Browse, CancellationToken.None);

        Assert.Equal(2, engine.To(HttpMethod.Put, "/_index_template/techsupport-docs").Count);
    }
}
