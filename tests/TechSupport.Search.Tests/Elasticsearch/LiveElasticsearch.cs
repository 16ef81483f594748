using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Search.Elasticsearch;

namespace TechSupport.Search.Tests.Elasticsearch;

/// <summary>
/// A running Elasticsearch 8 named by <c>ELASTICSEARCH_URL</c> (and optionally <c>ELASTICSEARCH_USERNAME</c>
/// and <c>ELASTICSEARCH_PASSWORD</c>), shared by one test class. Every index it hands out gets its own prefix
/// under the class's unique prefix, and everything under that prefix is deleted when the class is done.
/// Without the variable it does nothing: the class's tests are skipped before any of them runs.
/// </summary>
public sealed class LiveElasticsearch : IAsyncLifetime, IDisposable
{
    public const string UrlVariable = "ELASTICSEARCH_URL";

    public const string SkipReason = "ELASTICSEARCH_URL not set: the Elasticsearch contract tests need a running Elasticsearch 8";

    private readonly string classPrefix = $"techsupport-test-{Guid.NewGuid():N}"[..29];
    private readonly ConcurrentBag<string> prefixes = [];
    private readonly ConcurrentBag<ServiceProvider> providers = [];
    private int created;
    private HttpClient? admin;

    public static string? Url => Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url ? url : null;

    private HttpClient Admin => admin ?? throw new InvalidOperationException($"{UrlVariable} is not set.");

    public Task InitializeAsync()
    {
        if (Url is { } url)
        {
            admin = new HttpClient { BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/"), Timeout = TimeSpan.FromSeconds(30) };
            if (Environment.GetEnvironmentVariable("ELASTICSEARCH_USERNAME") is { Length: > 0 } user)
            {
                var password = Environment.GetEnvironmentVariable("ELASTICSEARCH_PASSWORD") ?? "";
                admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                    "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A fresh prefix: a new template, alias and indices nobody else uses.</summary>
    public string NewPrefix()
    {
        var prefix = $"{classPrefix}-{Interlocked.Increment(ref created)}";
        prefixes.Add(prefix);
        return prefix;
    }

    /// <summary>The adapter as the app wires it, on the real engine, under <paramref name="prefix"/>.</summary>
    public ISearchIndex CreateIndex(string prefix, string? synonymsFile = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Search:Engine"] = "Elasticsearch",
            ["Search:Elasticsearch:Url"] = Url ?? throw new InvalidOperationException($"{UrlVariable} is not set."),
            ["Search:Elasticsearch:Username"] = Environment.GetEnvironmentVariable("ELASTICSEARCH_USERNAME"),
            ["Search:Elasticsearch:Password"] = Environment.GetEnvironmentVariable("ELASTICSEARCH_PASSWORD"),
            ["Search:Elasticsearch:IndexPrefix"] = prefix,
        };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddElasticsearchSearch(
            new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Search"),
            synonymsFile ?? Path.Combine(AppContext.BaseDirectory, "seed", "synonyms.txt"));
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        return provider.GetRequiredService<ISearchIndex>();
    }

    /// <summary>Makes what was written under <paramref name="prefix"/> searchable now rather than within a second.</summary>
    public async Task RefreshAsync(string prefix)
    {
        using var response = await Admin.PostAsync(new Uri($"{prefix}-docs*/_refresh", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The indices under <paramref name="prefix"/> and the aliases each holds.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> IndicesAsync(string prefix)
    {
        var json = JsonNode.Parse(await Admin.GetStringAsync(new Uri($"{prefix}-docs-*/_alias", UriKind.Relative)))!.AsObject();
        return json.ToDictionary(
            index => index.Key,
            index => (IReadOnlyList<string>)[.. index.Value!["aliases"]!.AsObject().Select(alias => alias.Key)]);
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        if (admin is null)
        {
            return;
        }

        // Wildcard deletes are refused by default (action.destructive_requires_name), so delete by name.
        var indices = JsonNode.Parse(await admin.GetStringAsync(new Uri($"{classPrefix}-*/_alias", UriKind.Relative)))!.AsObject();
        foreach (var (index, _) in indices)
        {
            using var deleted = await admin.DeleteAsync(new Uri(index, UriKind.Relative));
        }

        foreach (var prefix in prefixes)
        {
            using var deleted = await admin.DeleteAsync(new Uri($"_index_template/{prefix}-docs", UriKind.Relative));
        }
    }

    public void Dispose() => admin?.Dispose();
}
