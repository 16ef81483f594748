using System.Text.Json.Nodes;

namespace TechSupport.Search.Tests.Elasticsearch;

public sealed class ElasticsearchSuggestionTests
{
    private static readonly ComponentKey Resolve = new("DaVinci Resolve Studio", "19.1.2");
    private static readonly ComponentKey DeckLink = new("Blackmagic Design DeckLink 8K Pro", "12.4");

    [Fact]
    public async Task Suggestions_look_for_fixes_like_the_typed_text_and_lift_the_same_configuration()
    {
        await using var host = AdapterHost.Create();

        await host.Index.SuggestAsync(
            new SuggestionQuery
            {
                Access = TestDocuments.OperatorWithoutClearances,
                Title = "Playback stutters",
                Symptoms = "dropped frames\non the SAN",
                Components = [Resolve, DeckLink],
                Limit = 3,
            },
            CancellationToken.None);

        var body = host.Engine.Last(HttpMethod.Post, "/techsupport-docs/_search").Json;
        Assert.Equal(3, body["size"]!.GetValue<int>());
        var query = body["query"]!["bool"]!;
        Assert.Equal("""{"term":{"hasFix":{"value":true}}}""", query["filter"]![0]!.ToJsonString());
        Assert.NotNull(query["filter"]![1]!["bool"]!["should"]);

        var typed = query["must"]![0]!["bool"]!;
        Assert.Equal(1, typed["minimum_should_match"]!.GetValue<int>());
        var similar = typed["should"]![0]!["more_like_this"]!;
        Assert.Equal("""["Playback stutters dropped frames on the SAN"]""", similar["like"]!.ToJsonString());
        Assert.Equal(1, similar["min_term_freq"]!.GetValue<int>());
        Assert.Equal(1, similar["min_doc_freq"]!.GetValue<int>());
        Assert.Equal("AUTO", typed["should"]![1]!["multi_match"]!["fuzziness"]!.GetValue<string>());

        Assert.Equal(
            [
                """{"term":{"components":{"value":"davinci resolve studio","boost":0.75}}}""",
                """{"term":{"componentVersions":{"value":"davinci resolve studio@19.1.2","boost":0.75}}}""",
                """{"term":{"components":{"value":"blackmagic design decklink 8k pro","boost":0.75}}}""",
                """{"term":{"componentVersions":{"value":"blackmagic design decklink 8k pro@12.4","boost":0.75}}}""",
            ],
            query["should"]!.AsArray().Select(clause => clause!.ToJsonString()));
    }

    [Fact]
    public async Task Each_suggestion_carries_its_fix_workaround_acceptability_conditions_and_configuration_match()
    {
        await using var host = AdapterHost.Create();
        host.Engine.Respond = request => request.Path == "/techsupport-docs/_search"
            ? FakeElasticsearch.Json("""
                {"hits":{"total":{"value":3,"relation":"eq"},"hits":[
                  {"_id":"fault-1","_score":9.1,"_source":{"key":"fault-1","kind":"Fault","title":"Same kit, same versions",
                    "fix":"Roll back the DeckLink driver","workaround":"Play from cache","workaroundAcceptability":"AcceptableWithConditions",
                    "workaroundConditions":"Only for offline review copies",
                    "components":["davinci resolve studio","blackmagic design decklink 8k pro"],
                    "componentVersions":["davinci resolve studio@19.1.2","blackmagic design decklink 8k pro@12.4"]}},
                  {"_id":"fault-2","_score":6.0,"_source":{"key":"fault-2","kind":"Fault","title":"Same kit, Resolve 18",
                    "fix":"Update Resolve","components":["davinci resolve studio","blackmagic design decklink 8k pro"],
                    "componentVersions":["davinci resolve studio@18.6","blackmagic design decklink 8k pro@12.4"]}},
                  {"_id":"article-3","_score":4.0,"_source":{"key":"article-3","kind":"Article","title":"Other kit","fix":"Reseat the cable"}}]}}
                """)
            : null;

        var suggestions = await host.Index.SuggestAsync(
            new SuggestionQuery { Access = TestDocuments.OperatorWithoutClearances, Title = "stutter", Components = [Resolve, DeckLink] },
            CancellationToken.None);

        Assert.Equal([1.0, 0.75, 0.0], suggestions.Select(s => s.ConfigurationMatch));
        Assert.Equal("Roll back the DeckLink driver", suggestions[0].Fix);
        Assert.Equal("Play from cache", suggestions[0].Workaround);
        Assert.Equal("AcceptableWithConditions", suggestions[0].WorkaroundAcceptability);
        Assert.Equal("Only for offline review copies", suggestions[0].WorkaroundConditions);
        Assert.Null(suggestions[1].WorkaroundConditions);
        Assert.Contains("workaroundConditions",
            host.Engine.Last(HttpMethod.Post, "/techsupport-docs/_search").Json["_source"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(DocumentKind.Article, suggestions[2].Kind);
    }

    [Fact]
    public async Task Nothing_typed_yet_suggests_nothing_and_asks_the_engine_nothing()
    {
        await using var host = AdapterHost.Create();

        var suggestions = await host.Index.SuggestAsync(
            new SuggestionQuery { Access = TestDocuments.OperatorWithoutClearances, Title = " ", Symptoms = "\n" },
            CancellationToken.None);

        Assert.Empty(suggestions);
        Assert.Empty(host.Engine.Requests);
    }

    [Fact]
    public async Task Similar_documents_come_from_more_like_this_on_the_document_excluding_itself()
    {
        await using var host = AdapterHost.Create();
        host.Engine.Respond = request => request.Path == "/techsupport-docs/_count"
            ? FakeElasticsearch.Json("""{"count":1}""")
            : null;

        await host.Index.SimilarAsync(
            new SimilarQuery { Access = TestDocuments.OperatorWithoutClearances, Key = "fault-1042", Limit = 4 },
            CancellationToken.None);

        var visible = host.Engine.Last(HttpMethod.Post, "/techsupport-docs/_count").Json["query"]!["bool"]!["filter"]!;
        Assert.Equal("""{"ids":{"values":["fault-1042"]}}""", visible[0]!.ToJsonString());
        var body = host.Engine.Last(HttpMethod.Post, "/techsupport-docs/_search").Json;
        Assert.Equal(4, body["size"]!.GetValue<int>());
        var query = body["query"]!["bool"]!;
        var similar = query["must"]![0]!["more_like_this"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"_index":"techsupport-docs","_id":"fault-1042"}]"""), similar["like"]));
        Assert.Equal("""[{"ids":{"values":["fault-1042"]}}]""", query["must_not"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(visible[1], query["filter"]![0]));
    }

    [Fact]
    public async Task A_document_the_caller_may_not_see_has_no_similar_documents_and_is_never_used_as_the_example()
    {
        await using var host = AdapterHost.Create();

        var similar = await host.Index.SimilarAsync(
            new SimilarQuery { Access = TestDocuments.OperatorWithoutClearances, Key = "fault-restricted" },
            CancellationToken.None);

        Assert.Empty(similar);
        Assert.Single(host.Engine.To(HttpMethod.Post, "/techsupport-docs/_count"));
        Assert.Empty(host.Engine.To(HttpMethod.Post, "/techsupport-docs/_search"));
    }

    [Fact]
    public async Task Counting_uses_count_with_the_security_filter_and_the_kind()
    {
        await using var host = AdapterHost.Create();
        host.Engine.Respond = request => request.Path == "/techsupport-docs/_count"
            ? FakeElasticsearch.Json("""{"count":17,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0}}""")
            : null;

        var count = await host.Index.CountAsync(TestDocuments.ManagerWithoutClearances, DocumentKind.Article, CancellationToken.None);

        Assert.Equal(17, count);
        var filters = host.Engine.Last(HttpMethod.Post, "/techsupport-docs/_count").Json["query"]!["bool"]!["filter"]!.AsArray();
        Assert.Equal(2, filters.Count);
        Assert.NotNull(filters[0]!["bool"]!["should"]);
        Assert.Equal("""{"term":{"kind":{"value":"Article"}}}""", filters[1]!.ToJsonString());
    }

    [Fact]
    public async Task Versions_page_through_a_point_in_time_with_search_after_and_close_it()
    {
        await using var host = AdapterHost.Create();
        var searches = 0;
        host.Engine.Respond = request => (request.Method.Method, request.Path) switch
        {
            ("POST", "/techsupport-docs/_pit") => FakeElasticsearch.Json("""{"id":"pit-a"}"""),
            ("POST", "/_search") => FakeElasticsearch.Json(Page(++searches == 1 ? 1_000 : 3, searches == 1 ? 0 : 1_000)),
            _ => null,
        };

        var versions = new List<(string Key, long Version)>();
        await foreach (var entry in host.Index.VersionsAsync(CancellationToken.None))
        {
            versions.Add(entry);
        }

        Assert.Equal(1_003, versions.Count);
        Assert.Equal(("fault-0000", 1L), versions[0]);
        Assert.Equal(("fault-1002", 1_002L), versions[^1]);
        Assert.Equal("?keep_alive=1m", host.Engine.Last(HttpMethod.Post, "/techsupport-docs/_pit").Query);
        var pages = host.Engine.To(HttpMethod.Post, "/_search");
        Assert.Equal(2, pages.Count);
        Assert.Equal("""{"id":"pit-a","keep_alive":"1m"}""", pages[0].Json["pit"]!.ToJsonString());
        Assert.Null(pages[0].Json["search_after"]);
        Assert.Equal("""[{"key":{"order":"asc"}}]""", pages[0].Json["sort"]!.ToJsonString());
        Assert.Equal("""["key","version"]""", pages[0].Json["_source"]!.ToJsonString());
        Assert.Equal("""{"id":"pit-b","keep_alive":"1m"}""", pages[1].Json["pit"]!.ToJsonString());
        Assert.Equal("""["fault-0999"]""", pages[1].Json["search_after"]!.ToJsonString());
        Assert.Equal("""{"id":"pit-b"}""", host.Engine.Last(HttpMethod.Delete, "/_pit").Body);

        static string Page(int count, int first) => new JsonObject
        {
            ["pit_id"] = "pit-b",
            ["hits"] = new JsonObject
            {
                ["hits"] = new JsonArray([.. Enumerable.Range(first, count).Select(n => (JsonNode)new JsonObject
                {
                    ["_id"] = $"fault-{n:D4}",
                    ["_source"] = new JsonObject { ["key"] = $"fault-{n:D4}", ["version"] = n == 0 ? 1 : n },
                    ["sort"] = new JsonArray($"fault-{n:D4}"),
                })]),
            },
        }.ToJsonString();
    }

    [Fact]
    public async Task Stopping_early_still_closes_the_point_in_time()
    {
        await using var host = AdapterHost.Create();
        host.Engine.Respond = request => request.Path == "/_search"
            ? FakeElasticsearch.Json("""{"pit_id":"pit-1","hits":{"hits":[{"_id":"fault-1","_source":{"key":"fault-1","version":4},"sort":["fault-1"]}]}}""")
            : null;

        await foreach (var entry in host.Index.VersionsAsync(CancellationToken.None))
        {
            Assert.Equal(("fault-1", 4L), entry);
            break;
        }

        Assert.Single(host.Engine.To(HttpMethod.Delete, "/_pit"));
    }
}
