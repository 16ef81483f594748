using System.Text.Json.Nodes;

namespace TechSupport.Search.Tests.Elasticsearch;

public sealed class ElasticsearchQueryTests
{
    private const string SearchPath = "/techsupport-docs/_search";

    private static readonly string OperatorId = TestDocuments.Operator.ToString("D");
    private static readonly string ManagerId = TestDocuments.Manager.ToString("D");

    private static async Task<JsonNode> SearchBodyAsync(SearchQuery query)
    {
        await using var host = AdapterHost.Create();
        await host.Index.SearchAsync(query, CancellationToken.None);
        return host.Engine.Last(HttpMethod.Post, SearchPath).Json;
    }

    private static JsonNode SecurityFilterOf(JsonNode body) => body["query"]!["bool"]!["filter"]![0]!;

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(expected), actual),
            $"Expected {JsonNode.Parse(expected)!.ToJsonString()}\nActual   {actual?.ToJsonString()}");

    [Fact]
    public async Task An_operator_without_clearances_is_filtered_to_standard_and_the_incidents_they_reported()
    {
        var body = await SearchBodyAsync(new SearchQuery { Access = TestDocuments.OperatorWithoutClearances, Text = "stutter" });

        AssertJson($$$$"""
            {"bool":{"should":[
              {"term":{"classification":{"value":"Standard"}}},
              {"bool":{"filter":[
                {"term":{"classification":{"value":"Restricted"}}},
                {"term":{"securityIncident":{"value":true}}},
                {"term":{"reporterId":{"value":"{{{{OperatorId}}}}"}}}]}}],
              "minimum_should_match":1}}
            """, SecurityFilterOf(body));
    }

    [Fact]
    public async Task A_manager_without_clearances_sees_standard_confidential_and_security_incidents_but_no_other_restricted()
    {
        var body = await SearchBodyAsync(new SearchQuery { Access = TestDocuments.ManagerWithoutClearances, Text = "stutter" });

        AssertJson("""
            {"bool":{"should":[
              {"term":{"classification":{"value":"Standard"}}},
              {"term":{"classification":{"value":"Confidential"}}},
              {"bool":{"filter":[
                {"term":{"classification":{"value":"Restricted"}}},
                {"term":{"securityIncident":{"value":true}}}]}}],
              "minimum_should_match":1}}
            """, SecurityFilterOf(body));
        Assert.DoesNotContain(ManagerId, body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_cleared_for_a_production_sees_its_confidential_and_restricted_documents()
    {
        var other = Guid.Parse("0193a3b0-0000-7000-8000-0000000000f2");
        var body = await SearchBodyAsync(new SearchQuery { Access = TestDocuments.ClearedFor(other, TestDocuments.Feature, other) });

        AssertJson($$$$"""
            {"bool":{"should":[
              {"term":{"classification":{"value":"Standard"}}},
              {"bool":{"filter":[
                {"terms":{"classification":["Confidential","Restricted"]}},
                {"terms":{"productionId":["{{{{TestDocuments.Feature:D}}}}","{{{{other:D}}}}"]}}]}},
              {"bool":{"filter":[
                {"term":{"classification":{"value":"Restricted"}}},
                {"term":{"securityIncident":{"value":true}}},
                {"term":{"reporterId":{"value":"{{{{OperatorId}}}}"}}}]}}],
              "minimum_should_match":1}}
            """, SecurityFilterOf(body));
    }

    [Fact]
    public async Task Every_read_carries_the_security_filter_so_counts_and_facets_are_counted_inside_the_engine()
    {
        await using var host = AdapterHost.Create();
        var access = TestDocuments.OperatorWithoutClearances;
        host.Engine.Respond = request => request.Path == "/techsupport-docs/_count"
            ? FakeElasticsearch.Json("""{"count":1}""")
            : null;

        await host.Index.SearchAsync(new SearchQuery { Access = access, Text = "sync" }, CancellationToken.None);
        await host.Index.SearchAsync(new SearchQuery { Access = access }, CancellationToken.None);
        await host.Index.SuggestAsync(new SuggestionQuery { Access = access, Title = "sync" }, CancellationToken.None);
        await host.Index.SimilarAsync(new SimilarQuery { Access = access, Key = "fault-1" }, CancellationToken.None);
        await host.Index.CountAsync(access, DocumentKind.Fault, CancellationToken.None);

        var reads = host.Engine.Requests.Where(r => r.Path.EndsWith("/_search", StringComparison.Ordinal) || r.Path.EndsWith("/_count", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, reads.Count);
        var security = JsonNode.Parse(reads[0].Json["query"]!["bool"]!["filter"]![0]!.ToJsonString());
        Assert.All(reads, read => Assert.Contains(
            read.Json["query"]!["bool"]!["filter"]!.AsArray(),
            clause => JsonNode.DeepEquals(clause, security)));
        Assert.All(reads.Where(r => r.Json["aggs"] is not null), read => Assert.Null(read.Json["post_filter"]));
    }

    [Fact]
    public async Task Text_is_matched_with_fuzziness_and_without_it_boosted_higher_plus_exact_codes_and_fault_numbers()
    {
        var body = await SearchBodyAsync(new SearchQuery
        {
            Access = TestDocuments.OperatorWithoutClearances,
            Text = "playbak stuter after 19.1 KB5034441 AAE-9173 TS-1042",
        });

        var query = body["query"]!["bool"]!;
        Assert.Equal(1, query["minimum_should_match"]!.GetValue<int>());
        var should = query["should"]!.AsArray();

        var fuzzy = should[0]!["multi_match"]!;
        Assert.Equal("AUTO", fuzzy["fuzziness"]!.GetValue<string>());
        Assert.Equal("playbak stuter after 19.1 KB5034441 AAE-9173 TS-1042", fuzzy["query"]!.GetValue<string>());
        Assert.Equal(
            ["title^3", "text^2", "fix", "rootCause", "workaround", "comments", "equipment.text", "suiteName.text", "configuration^0.5"],
            fuzzy["fields"]!.AsArray().Select(f => f!.GetValue<string>()));

        var plain = should[1]!["multi_match"]!;
        Assert.Null(plain["fuzziness"]);
        Assert.True(plain["boost"]!.GetValue<double>() > (fuzzy["boost"]?.GetValue<double>() ?? 1));

        AssertJson("""{"match":{"exact":{"query":"19.1 kb5034441 aae-9173 ts-1042","boost":4}}}""", should[2]);
        AssertJson("""{"terms":{"number":["aae-9173","ts-1042"],"boost":20}}""", should[3]);
    }

    [Fact]
    public async Task A_bare_number_is_an_exact_token_but_not_taken_for_a_fault_number()
    {
        var body = await SearchBodyAsync(new SearchQuery { Access = TestDocuments.OperatorWithoutClearances, Text = "Grade 2 monitor" });

        var should = body["query"]!["bool"]!["should"]!.AsArray();
        AssertJson("""{"match":{"exact":{"query":"2","boost":4}}}""", should[2]);
        Assert.Equal(3, should.Count);
    }

    [Fact]
    public async Task Query_syntax_characters_travel_as_plain_text_never_as_query_syntax()
    {
        var body = await SearchBodyAsync(new SearchQuery
        {
            Access = TestDocuments.OperatorWithoutClearances,
            Text = "title:(\"SAN\" OR *) \\ AND",
        });

        var json = body.ToJsonString();
        Assert.DoesNotContain("query_string", json, StringComparison.Ordinal);
        Assert.DoesNotContain("simple_query_string", json, StringComparison.Ordinal);
        Assert.Equal("title:(\"SAN\" OR *) \\ AND", body["query"]!["bool"]!["should"]![1]!["multi_match"]!["query"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_thousand_character_query_is_cut_to_the_limit()
    {
        var body = await SearchBodyAsync(new SearchQuery
        {
            Access = TestDocuments.OperatorWithoutClearances,
            Text = string.Join(' ', Enumerable.Repeat("dropped", 300)),
        });

        var should = body["query"]!["bool"]!["should"]!.AsArray();
        Assert.True(should[1]!["multi_match"]!["query"]!.GetValue<string>().Length <= 1_000);
        Assert.Equal(32, should[0]!["multi_match"]!["query"]!.GetValue<string>().Split(' ').Length);
    }

    [Fact]
    public async Task Facet_filters_narrow_inside_the_engine_beside_the_security_filter()
    {
        var body = await SearchBodyAsync(new SearchQuery
        {
            Access = TestDocuments.OperatorWithoutClearances,
            Text = "sync",
            Kind = DocumentKind.Article,
            SuiteId = TestDocuments.Grade1,
            Category = "Signal",
            Equipment = "Blackmagic Design DeckLink 8K Pro",
            Status = "Resolved",
        });

        var filters = body["query"]!["bool"]!["filter"]!.AsArray().Skip(1).Select(f => f!.ToJsonString());
        Assert.Equal(
            [
                """{"term":{"kind":{"value":"Article"}}}""",
                $$$$"""{"term":{"suiteId":{"value":"{{{{TestDocuments.Grade1:D}}}}"}}}""",
                """{"term":{"category":{"value":"Signal"}}}""",
                """{"term":{"equipment":{"value":"Blackmagic Design DeckLink 8K Pro"}}}""",
                """{"term":{"status":{"value":"Resolved"}}}""",
            ],
            filters);
    }

    [Fact]
    public async Task A_search_asks_for_exact_totals_terms_aggregations_and_html_escaped_highlights()
    {
        var body = await SearchBodyAsync(new SearchQuery { Access = TestDocuments.OperatorWithoutClearances, Text = "sync" });

        Assert.True(body["track_total_hits"]!.GetValue<bool>());
        AssertJson("""
            {
              "category":{"terms":{"field":"category","size":50}},
              "suite":{"terms":{"field":"suiteId","size":100},"aggs":{"label":{"terms":{"field":"suiteName","size":1}}}},
              "status":{"terms":{"field":"status","size":20}},
              "equipment":{"terms":{"field":"equipment","size":50}}
            }
            """, body["aggs"]);
        var highlight = body["highlight"]!;
        Assert.Equal("html", highlight["encoder"]!.GetValue<string>());
        AssertJson("""["<mark>"]""", highlight["pre_tags"]);
        AssertJson("""["</mark>"]""", highlight["post_tags"]);
        Assert.Equal(["text", "title", "fix"], highlight["fields"]!.AsObject().Select(f => f.Key));
        Assert.NotNull(highlight["max_analyzed_offset"]);
        AssertJson("""[{"_score":{"order":"desc"}},{"createdAt":{"order":"desc"}}]""", body["sort"]);
    }

    [Fact]
    public async Task Paging_becomes_from_and_size()
    {
        var body = await SearchBodyAsync(new SearchQuery { Access = TestDocuments.OperatorWithoutClearances, Text = "sync", Page = 3, PageSize = 10 });

        Assert.Equal(20, body["from"]!.GetValue<int>());
        Assert.Equal(10, body["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_page_past_the_engines_result_window_asks_only_for_the_total_and_facets()
    {
        var body = await SearchBodyAsync(new SearchQuery { Access = TestDocuments.OperatorWithoutClearances, Text = "sync", Page = 500, PageSize = 25 });

        Assert.Equal(0, body["from"]!.GetValue<int>());
        Assert.Equal(0, body["size"]!.GetValue<int>());
        Assert.NotNull(body["aggs"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Empty_text_browses_everything_visible_newest_first(string? text)
    {
        var body = await SearchBodyAsync(new SearchQuery { Access = TestDocuments.OperatorWithoutClearances, Text = text });

        AssertJson("""[{"match_all":{}}]""", body["query"]!["bool"]!["must"]);
        Assert.Null(body["query"]!["bool"]!["should"]);
        AssertJson("""[{"createdAt":{"order":"desc"}},{"key":{"order":"asc"}}]""", body["sort"]);
        Assert.Null(body["highlight"]);
        Assert.True(body["track_total_hits"]!.GetValue<bool>());
        Assert.NotNull(body["aggs"]);
    }

    [Fact]
    public async Task Hits_totals_facet_labels_and_snippets_come_back_as_the_port_reads_them()
    {
        var fault = TestDocuments.IdOf(1042);
        var article = TestDocuments.IdOf(7);
        var suite2 = Guid.Parse("0193a3b0-0000-7000-8000-000000000002");
        await using var host = AdapterHost.Create();
        host.Engine.Respond = request => request.Path == SearchPath
            ? FakeElasticsearch.Json($$$$"""
                {"took":4,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
                 "hits":{"total":{"value":42,"relation":"eq"},"max_score":7.5,"hits":[
                   {"_index":"techsupport-docs-000001","_id":"fault-{{{{fault}}}}","_score":7.5,
                    "_source":{"key":"fault-{{{{fault}}}}","kind":"Fault","id":"{{{{fault}}}}","title":"Playback stutters from the SAN",
                      "number":"TS-1042","text":"Dropped frames <b>after</b> the 19.1 update","fix":"Roll back the driver",
                      "workaround":"Play from cache","workaroundAcceptability":"AcceptableWithConditions",
                      "workaroundConditions":"Only on offline review copies","status":"Resolved","category":"Storage",
                      "suiteName":"Grade 1","createdAt":"2026-10-01T09:30:00+00:00"},
                    "highlight":{"text":["<mark>Dropped</mark> frames &lt;b&gt;after&lt;/b&gt; the 19.1 update"]}},
                   {"_index":"techsupport-docs-000001","_id":"article-{{{{article}}}}","_score":3.25,
                    "_source":{"key":"article-{{{{article}}}}","kind":"Article","id":"{{{{article}}}}","title":"LTO & tape <care>",
                      "text":"Clean LTO-8 drives <weekly> & log it","createdAt":"2026-09-01T00:00:00Z"}}]},
                 "aggregations":{
                   "category":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"Storage","doc_count":30},{"key":"Archive","doc_count":12}]},
                   "suite":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[
                     {"key":"{{{{TestDocuments.Grade1}}}}","doc_count":20,"label":{"buckets":[{"key":"Grade 1","doc_count":20}]}},
                     {"key":"{{{{suite2}}}}","doc_count":9,"label":{"buckets":[{"key":"Dub Stage","doc_count":9}]}}]},
                   "status":{"buckets":[{"key":"Resolved","doc_count":40},{"key":"New","doc_count":2}]},
                   "equipment":{"buckets":[]}}}
                """)
            : null;

        var results = await host.Index.SearchAsync(new SearchQuery { Access = TestDocuments.OperatorWithoutClearances, Text = "dropped" }, CancellationToken.None);

        Assert.Equal(42, results.Total);
        Assert.Equal(2, results.Hits.Count);
        var first = results.Hits[0];
        Assert.Equal($"fault-{fault}", first.Key);
        Assert.Equal(DocumentKind.Fault, first.Kind);
        Assert.Equal(fault, first.Id);
        Assert.Equal("TS-1042", first.Number);
        Assert.Equal("Grade 1", first.Suite);
        Assert.Equal("Roll back the driver", first.Fix);
        Assert.Equal("AcceptableWithConditions", first.WorkaroundAcceptability);
        Assert.Equal("Only on offline review copies", first.WorkaroundConditions);
        Assert.Equal(7.5, first.Score);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 9, 30, 0, TimeSpan.Zero), first.CreatedAt);
        Assert.Equal("<mark>Dropped</mark> frames &lt;b&gt;after&lt;/b&gt; the 19.1 update", first.Snippet);

        var second = results.Hits[1];
        Assert.Equal(DocumentKind.Article, second.Kind);
        Assert.Equal("Clean LTO-8 drives &lt;weekly&gt; &amp; log it", second.Snippet);
        Assert.Equal("LTO & tape <care>", second.Title);

        Assert.Equal(SearchResults.FacetNames.Order(StringComparer.Ordinal), results.Facets.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            [new FacetCount(TestDocuments.Grade1.ToString("D"), "Grade 1", 20), new FacetCount(suite2.ToString("D"), "Dub Stage", 9)],
            results.Facets["suite"]);
        Assert.Equal([new FacetCount("Storage", "Storage", 30), new FacetCount("Archive", "Archive", 12)], results.Facets["category"]);
        Assert.Equal([new FacetCount("Resolved", "Resolved", 40), new FacetCount("New", "New", 2)], results.Facets["status"]);
        Assert.Empty(results.Facets["equipment"]);
    }

    [Fact]
    public async Task A_long_text_without_highlight_gives_an_escaped_start_cut_at_a_word()
    {
        await using var host = AdapterHost.Create();
        var text = "Timecode <drift> & " + string.Join(' ', Enumerable.Repeat("genlock", 60));
        host.Engine.Respond = request => request.Path == SearchPath
            ? FakeElasticsearch.Json(new JsonObject
            {
                ["hits"] = new JsonObject
                {
                    ["total"] = new JsonObject { ["value"] = 1, ["relation"] = "eq" },
                    ["hits"] = new JsonArray(new JsonObject
                    {
                        ["_id"] = "fault-1",
                        ["_score"] = null,
                        ["_source"] = new JsonObject { ["key"] = "fault-1", ["kind"] = "Fault", ["title"] = "Drift", ["text"] = text },
                        ["sort"] = new JsonArray(1_790_000_000_000, "fault-1"),
                    }),
                },
            }.ToJsonString())
            : null;

        var results = await host.Index.SearchAsync(new SearchQuery { Access = TestDocuments.OperatorWithoutClearances }, CancellationToken.None);

        var snippet = Assert.Single(results.Hits).Snippet;
        Assert.StartsWith("Timecode &lt;drift&gt; &amp; genlock", snippet, StringComparison.Ordinal);
        Assert.EndsWith("genlock…", snippet, StringComparison.Ordinal);
        Assert.True(snippet.Length < 230);
        Assert.Equal(0, results.Hits[0].Score);
        Assert.All(results.Facets.Values, Assert.Empty);
    }
}
