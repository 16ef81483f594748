using System.Net;
using System.Text.Json.Nodes;

namespace TechSupport.Search.Tests.Elasticsearch;

public sealed class ElasticsearchWriteTests
{
    [Fact]
    public async Task Indexing_sends_ndjson_bulk_lines_with_external_versions_through_the_alias()
    {
        await using var host = AdapterHost.Create();
        var first = TestDocuments.Fault(1042, version: 7);
        var second = TestDocuments.Fault(1043, version: 3);

        await host.Index.IndexAsync([first, second], CancellationToken.None);

        Assert.Single(host.Engine.To(HttpMethod.Head, "/_alias/techsupport-docs-rebuilding"));
        var bulk = host.Engine.Last(HttpMethod.Post, "/_bulk");
        Assert.Equal("application/x-ndjson", bulk.ContentType);
        Assert.EndsWith("\n", bulk.Body, StringComparison.Ordinal);
        var lines = bulk.Lines;
        Assert.Equal(4, lines.Count);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse($$$"""{"index":{"_index":"techsupport-docs","_id":"{{{first.Key}}}","version":7,"version_type":"external","require_alias":true}}"""),
            lines[0]));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse($$$"""{"index":{"_index":"techsupport-docs","_id":"{{{second.Key}}}","version":3,"version_type":"external","require_alias":true}}"""),
            lines[2]));

        var source = lines[1];
        Assert.Equal(first.Key, source["key"]!.GetValue<string>());
        Assert.Equal("Fault", source["kind"]!.GetValue<string>());
        Assert.Equal(7, source["version"]!.GetValue<long>());
        Assert.Equal("TS-1042", source["number"]!.GetValue<string>());
        Assert.Equal(first.Text, source["text"]!.GetValue<string>());
        Assert.Equal(first.RootCause, source["rootCause"]!.GetValue<string>());
        Assert.Equal("Play from local cache.", source["workaround"]!.GetValue<string>());
        Assert.Equal("AcceptableWithConditions", source["workaroundAcceptability"]!.GetValue<string>());
        Assert.Equal("Only for offline review copies; never on the deliverable master.", source["workaroundConditions"]!.GetValue<string>());
        Assert.Equal("Confidential", source["classification"]!.GetValue<string>());
        Assert.Equal(TestDocuments.Feature.ToString("D"), source["productionId"]!.GetValue<string>());
        Assert.Equal(TestDocuments.Operator.ToString("D"), source["reporterId"]!.GetValue<string>());
        Assert.False(source["securityIncident"]!.GetValue<bool>());
        Assert.True(source["hasFix"]!.GetValue<bool>());
        Assert.Equal(TestDocuments.Grade1.ToString("D"), source["suiteId"]!.GetValue<string>());
        Assert.Equal("Grade 1", source["suiteName"]!.GetValue<string>());
        Assert.Equal(["Blackmagic Design DeckLink 8K Pro"], source["equipment"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal(
            ["davinci resolve studio", "blackmagic design decklink 8k pro"],
            source["components"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal(
            ["davinci resolve studio@19.1.2", "blackmagic design decklink 8k pro@12.4"],
            source["componentVersions"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal(first.CreatedAt, source["createdAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task An_older_version_refused_by_the_engine_is_ignored()
    {
        var engine = new FakeElasticsearch();
        engine.Respond = request => request.Path == "/_bulk"
            ? FakeElasticsearch.Json("""
                {"took":2,"errors":true,"items":[
                  {"index":{"_index":"techsupport-docs-000001","_id":"FIRST","status":409,
                    "error":{"type":"version_conflict_engine_exception","reason":"[fault-1]: version conflict, current version [9] is higher or equal to the one provided [2]"}}},
                  {"index":{"_index":"techsupport-docs-000001","_id":"SECOND","_version":2,"result":"created","status":201}}]}
                """.Replace("FIRST", TestDocuments.Fault(1).Key, StringComparison.Ordinal).Replace("SECOND", TestDocuments.Fault(2).Key, StringComparison.Ordinal))
            : null;
        await using var host = AdapterHost.Create(engine);

        await host.Index.IndexAsync([TestDocuments.Fault(1, 2), TestDocuments.Fault(2, 2)], CancellationToken.None);
    }

    [Fact]
    public async Task A_document_the_engine_refuses_for_another_reason_fails_the_batch_without_the_engines_words()
    {
        var document = TestDocuments.Fault(1);
        var engine = new FakeElasticsearch();
        engine.Respond = request => request.Path == "/_bulk"
            ? FakeElasticsearch.Json("""
                {"took":2,"errors":true,"items":[
                  {"index":{"_index":"techsupport-docs-000001","_id":"KEY","status":400,
                    "error":{"type":"document_parsing_exception","reason":"failed to parse field [text]: Playback stutters from the SAN"}}}]}
                """.Replace("KEY", document.Key, StringComparison.Ordinal))
            : null;
        await using var host = AdapterHost.Create(engine);

        var failure = await Assert.ThrowsAsync<SearchUnavailableException>(() => host.Index.IndexAsync([document], CancellationToken.None));

        Assert.Equal("The search engine refused the request.", failure.Message);
        Assert.True(failure.Refused); // the outbox sets this document aside after some attempts, and sends the rest
        Assert.Contains(host.Logs.Entries, e => e.Message.Contains(document.Key, StringComparison.Ordinal)
                                                && e.Message.Contains("document_parsing_exception", StringComparison.Ordinal));
        Assert.DoesNotContain("Playback", host.Logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_the_engine_is_too_busy_for_fails_the_batch_as_unavailable_so_the_outbox_retries()
    {
        var engine = new FakeElasticsearch();
        engine.Respond = request => request.Path == "/_bulk"
            ? FakeElasticsearch.Json("""
                {"took":2,"errors":true,"items":[
                  {"index":{"_index":"techsupport-docs-000001","_id":"fault-x","status":429,
                    "error":{"type":"es_rejected_execution_exception","reason":"rejected execution"}}}]}
                """)
            : null;
        await using var host = AdapterHost.Create(engine);

        var failure = await Assert.ThrowsAsync<SearchUnavailableException>(() => host.Index.IndexAsync([TestDocuments.Fault(1)], CancellationToken.None));

        Assert.Equal("The search engine is unavailable.", failure.Message);
        Assert.False(failure.Refused);
    }

    [Fact]
    public async Task Large_batches_are_split_into_bulk_requests_of_the_configured_size()
    {
        await using var host = AdapterHost.Create(settings: new Dictionary<string, string?> { ["Search:Elasticsearch:BulkBatchSize"] = "2" });

        await host.Index.IndexAsync([.. Enumerable.Range(1, 5).Select(n => TestDocuments.Fault(n))], CancellationToken.None);

        Assert.Equal([4, 4, 2], host.Engine.To(HttpMethod.Post, "/_bulk").Select(r => r.Lines.Count));
    }

    [Fact]
    public async Task Nothing_to_index_sends_nothing()
    {
        await using var host = AdapterHost.Create();

        await host.Index.IndexAsync([], CancellationToken.None);

        Assert.Empty(host.Engine.Requests);
    }

    [Fact]
    public async Task Deleting_sends_a_bulk_delete_that_loses_to_a_newer_stored_version()
    {
        await using var host = AdapterHost.Create();

        await host.Index.DeleteAsync("fault-42", 9, CancellationToken.None);

        var lines = host.Engine.Last(HttpMethod.Post, "/_bulk").Lines;
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"delete":{"_index":"techsupport-docs","_id":"fault-42","version":9,"version_type":"external_gte"}}"""),
            Assert.Single(lines)));
    }

    [Fact]
    public async Task Deleting_what_is_not_there_or_is_newer_is_not_an_error()
    {
        var engine = new FakeElasticsearch();
        engine.Respond = request => request.Path == "/_bulk"
            ? FakeElasticsearch.Json("""
                {"took":1,"errors":true,"items":[
                  {"delete":{"_index":"techsupport-docs-000001","_id":"fault-42","_version":9,"result":"not_found","status":404}}]}
                """)
            : null;
        await using var host = AdapterHost.Create(engine);

        await host.Index.DeleteAsync("fault-42", 9, CancellationToken.None);

        engine.Respond = request => request.Path == "/_bulk"
            ? FakeElasticsearch.Json("""
                {"took":1,"errors":true,"items":[
                  {"delete":{"_index":"techsupport-docs-000001","_id":"fault-42","status":409,
                    "error":{"type":"version_conflict_engine_exception","reason":"version conflict"}}}]}
                """)
            : null;
        await host.Index.DeleteAsync("fault-42", 9, CancellationToken.None);
    }

    [Fact]
    public async Task A_whole_bulk_refused_with_a_server_error_is_retried_then_reported_unavailable()
    {
        var engine = new FakeElasticsearch();
        engine.Respond = request => request.Path == "/_bulk"
            ? FakeElasticsearch.Error(HttpStatusCode.ServiceUnavailable, "unavailable_shards_exception", "primary shard is not active")
            : null;
        await using var host = AdapterHost.Create(engine);

        var failure = await Assert.ThrowsAsync<SearchUnavailableException>(() => host.Index.IndexAsync([TestDocuments.Fault(1)], CancellationToken.None));

        Assert.Equal(3, engine.To(HttpMethod.Post, "/_bulk").Count);
        Assert.False(failure.Refused);
    }
}
