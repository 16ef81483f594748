using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechSupport.Search.Elasticsearch;

namespace TechSupport.Search.Tests.Elasticsearch;

public sealed class ElasticsearchFailureTests
{
    private const string EngineWords = "secret engine words: shard [techsupport-docs-000001][0] Playback stutters from the SAN";

    private static SearchQuery Query => new() { Access = TestDocuments.OperatorWithoutClearances, Text = "stutter" };

    [Fact]
    public async Task A_503_that_outlasts_the_retries_becomes_search_unavailable_without_the_engines_words()
    {
        var engine = new FakeElasticsearch();
        engine.Respond = request => request.Path == "/techsupport-docs/_search"
            ? FakeElasticsearch.Error(HttpStatusCode.ServiceUnavailable, "search_phase_execution_exception", EngineWords)
            : null;
        await using var host = AdapterHost.Create(engine);

        var failure = await Assert.ThrowsAsync<SearchUnavailableException>(() => host.Index.SearchAsync(Query, CancellationToken.None));

        Assert.Equal(3, engine.To(HttpMethod.Post, "/techsupport-docs/_search").Count);
        Assert.Equal("The search engine is unavailable.", failure.Message);
        Assert.DoesNotContain("secret", failure.ToString(), StringComparison.Ordinal);
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("search_phase_execution_exception", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= LogLevel.Information && e.Message.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_503_followed_by_an_answer_is_retried_transparently()
    {
        var engine = new FakeElasticsearch();
        var failures = 0;
        engine.Respond = request => request.Path == "/techsupport-docs/_search" && failures++ < 2
            ? FakeElasticsearch.Error(HttpStatusCode.ServiceUnavailable, "unavailable_shards_exception", "not yet")
            : null;
        await using var host = AdapterHost.Create(engine);

        var results = await host.Index.SearchAsync(Query, CancellationToken.None);

        Assert.Equal(0, results.Total);
        Assert.Equal(3, engine.To(HttpMethod.Post, "/techsupport-docs/_search").Count);
    }

    [Fact]
    public async Task A_refused_connection_becomes_search_unavailable_after_the_retries()
    {
        var engine = new FakeElasticsearch();
        var attempts = 0;
        engine.Respond = _ =>
        {
            attempts++;
            throw new HttpRequestException("Connection refused (elasticsearch.test:9200)");
        };
        await using var host = AdapterHost.Create(engine);

        var failure = await Assert.ThrowsAsync<SearchUnavailableException>(() => host.Index.SearchAsync(Query, CancellationToken.None));

        Assert.Equal(3, attempts);
        Assert.Equal("The search engine is unavailable.", failure.Message);
    }

    [Fact]
    public async Task A_request_the_engine_refuses_is_not_retried_and_its_reason_stays_out_of_the_message()
    {
        var engine = new FakeElasticsearch();
        engine.Respond = request => request.Path == "/techsupport-docs/_search"
            ? FakeElasticsearch.Error(HttpStatusCode.BadRequest, "query_shard_exception", EngineWords)
            : null;
        await using var host = AdapterHost.Create(engine);

        var failure = await Assert.ThrowsAsync<SearchUnavailableException>(() => host.Index.SearchAsync(Query, CancellationToken.None));

        Assert.Single(engine.To(HttpMethod.Post, "/techsupport-docs/_search"));
        Assert.Equal("The search engine refused the request.", failure.Message);
        Assert.Null(failure.InnerException);
    }

    [Fact]
    public async Task An_answer_that_is_not_json_becomes_search_unavailable()
    {
        var engine = new FakeElasticsearch();
        engine.Respond = request => request.Path == "/techsupport-docs/_search"
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>proxy error</html>", Encoding.UTF8, "text/html") }
            : null;
        await using var host = AdapterHost.Create(engine);

        var failure = await Assert.ThrowsAsync<SearchUnavailableException>(() => host.Index.SearchAsync(Query, CancellationToken.None));

        Assert.DoesNotContain("proxy", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_that_cancels_gets_a_cancellation_not_a_search_failure()
    {
        var engine = new FakeElasticsearch();
        await using var host = AdapterHost.Create(engine);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Index.SearchAsync(Query, cancelled.Token));
    }

    [Theory]
    [InlineData("green", true)]
    [InlineData("yellow", true)]
    [InlineData("red", false)]
    public async Task Health_is_the_clusters_status_asked_with_a_short_timeout(string status, bool healthy)
    {
        var engine = new FakeElasticsearch();
        engine.Respond = request => request.Path == "/_cluster/health"
            ? FakeElasticsearch.Json($$"""{"cluster_name":"docker-cluster","status":"{{status}}","timed_out":false}""")
            : null;
        await using var host = AdapterHost.Create(engine);

        var health = await host.Index.HealthAsync(CancellationToken.None);

        Assert.Equal(healthy, health.Healthy);
        Assert.Contains(status, health.Description, StringComparison.Ordinal);
        Assert.Equal("?timeout=3000ms", Assert.Single(engine.Requests).Query);
    }

    [Fact]
    public async Task An_engine_that_is_down_is_unhealthy_not_an_exception()
    {
        var engine = new FakeElasticsearch
        {
            Respond = _ => FakeElasticsearch.Error(HttpStatusCode.ServiceUnavailable, "master_not_discovered_exception", EngineWords),
        };
        await using var host = AdapterHost.Create(engine);

        var health = await host.Index.HealthAsync(CancellationToken.None);

        Assert.False(health.Healthy);
        Assert.DoesNotContain("secret", health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_engine_that_does_not_answer_in_time_is_unhealthy()
    {
        var engine = new FakeElasticsearch { Stalled = true };
        await using var host = AdapterHost.Create(engine, new Dictionary<string, string?> { ["Search:Elasticsearch:HealthTimeout"] = "00:00:00.200" });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var health = await host.Index.HealthAsync(CancellationToken.None);

        Assert.False(health.Healthy);
        Assert.Equal("Elasticsearch did not answer in time.", health.Description);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_stalled_engine_is_given_up_on_after_the_attempt_timeout_and_the_retries()
    {
        var engine = new FakeElasticsearch { Stalled = true };
        await using var host = AdapterHost.Create(engine, new Dictionary<string, string?>
        {
            ["Search:Elasticsearch:AttemptTimeout"] = "00:00:00.100",
            ["Search:Elasticsearch:TotalTimeout"] = "00:00:05",
        });

        var failure = await Assert.ThrowsAsync<SearchUnavailableException>(() => host.Index.SearchAsync(Query, CancellationToken.None));

        Assert.Equal("The search engine is unavailable.", failure.Message);
        Assert.Equal(3, engine.Requests.Count);
    }

    [Fact]
    public async Task Basic_credentials_go_in_the_authorization_header()
    {
        await using var host = AdapterHost.Create(settings: new Dictionary<string, string?>
        {
            ["Search:Elasticsearch:Username"] = "elastic",
            ["Search:Elasticsearch:Password"] = "s3cret:pw",
        });

        await host.Index.HealthAsync(CancellationToken.None);

        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes("elastic:s3cret:pw"));
        Assert.Equal($"Basic {expected}", Assert.Single(host.Engine.Requests).Authorization);
    }

    [Fact]
    public async Task An_api_key_goes_in_the_authorization_header()
    {
        await using var host = AdapterHost.Create(settings: new Dictionary<string, string?> { ["Search:Elasticsearch:ApiKey"] = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==" });

        await host.Index.HealthAsync(CancellationToken.None);

        Assert.Equal("ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==", Assert.Single(host.Engine.Requests).Authorization);
    }

    [Fact]
    public async Task A_url_with_a_path_keeps_it_in_front_of_every_request()
    {
        var engine = new FakeElasticsearch { BasePath = "/es" };
        await using var host = AdapterHost.Create(engine, new Dictionary<string, string?> { ["Search:Elasticsearch:Url"] = "https://proxy.test/es" });

        await host.Index.SearchAsync(Query, CancellationToken.None);

        Assert.All(engine.Requests, r => Assert.StartsWith("/es/", r.Path, StringComparison.Ordinal));
        Assert.Contains(engine.Requests, r => r.Path == "/es/techsupport-docs/_search");
    }

    [Theory]
    [InlineData(null, "Url is required")]
    [InlineData("elasticsearch:9200/x", "absolute http or https")]
    [InlineData("/relative", "absolute http or https")]
    [InlineData("ftp://elasticsearch", "absolute http or https")]
    public async Task Options_without_an_absolute_http_url_are_refused_at_start(string? url, string message)
    {
        await using var host = AdapterHost.Create(settings: new Dictionary<string, string?> { ["Search:Elasticsearch:Url"] = url });

        var failure = Assert.Throws<OptionsValidationException>(() => host.Get<IOptions<ElasticsearchOptions>>().Value);

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
        Assert.Contains("Search:Elasticsearch", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Search:Elasticsearch:Username", "elastic", "go together")]
    [InlineData("Search:Elasticsearch:IndexPrefix", "TechSupport", "IndexPrefix")]
    [InlineData("Search:Elasticsearch:AttemptTimeout", "00:01:00", "AttemptTimeout")]
    [InlineData("Search:Elasticsearch:MaxRetryAttempts", "0", "MaxRetryAttempts")]
    public async Task Other_settings_the_adapter_cannot_work_with_are_refused_at_start(string key, string value, string message)
    {
        await using var host = AdapterHost.Create(settings: new Dictionary<string, string?> { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => host.Get<IOptions<ElasticsearchOptions>>().Value);

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_options_never_print_their_secrets()
    {
        await using var host = AdapterHost.Create(settings: new Dictionary<string, string?>
        {
            ["Search:Elasticsearch:Username"] = "elastic",
            ["Search:Elasticsearch:Password"] = "hunter2-password",
        });

        var printed = host.Get<IOptions<ElasticsearchOptions>>().Value.ToString();

        Assert.DoesNotContain("hunter2", printed, StringComparison.Ordinal);
        Assert.Contains("elastic", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prefix_renames_every_index_alias_and_template_the_adapter_owns()
    {
        await using var host = AdapterHost.Create(settings: new Dictionary<string, string?> { ["Search:Elasticsearch:IndexPrefix"] = "ts-test_1" });

        await host.Index.SearchAsync(Query, CancellationToken.None);

        Assert.Equal(
            ["PUT /_index_template/ts-test_1-docs", "GET /ts-test_1-docs-*/_alias", "PUT /ts-test_1-docs-000001", "POST /ts-test_1-docs/_search"],
            host.Engine.Requests.Select(r => r.ToString()));
    }
}
