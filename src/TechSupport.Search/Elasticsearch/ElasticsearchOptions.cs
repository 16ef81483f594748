using System.Text;

namespace TechSupport.Search.Elasticsearch;

/// <summary>
/// Settings of the Elasticsearch adapter, bound from the configuration section <c>Search:Elasticsearch</c>
/// (DESIGN.md: <c>Url</c>, <c>Username</c>/<c>Password</c> or <c>ApiKey</c>); the rest have working defaults.
/// </summary>
public sealed record ElasticsearchOptions
{
    /// <summary>The configuration section under <c>Search</c> that these options are bound from.</summary>
    public const string SectionName = "Elasticsearch";

    /// <summary>The node or load balancer, e.g. <c>http://elasticsearch:9200</c>; required.</summary>
    public string? Url { get; set; }

    /// <summary>User name for Basic authentication; needs <see cref="Password"/>.</summary>
    public string? Username { get; set; }

    /// <summary>Password for Basic authentication.</summary>
    public string? Password { get; set; }

    /// <summary>An API key (the encoded form Elasticsearch returns), sent as <c>Authorization: ApiKey</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Prefix of every name the adapter owns: index template and alias <c>{prefix}-docs</c>, indices
    /// <c>{prefix}-docs-000001</c>, ... Lower case letters, digits, '-' and '_'.
    /// </summary>
    public string IndexPrefix { get; set; } = "techsupport";

    /// <summary>
    /// The Solr-format synonym list shared with the Lucene adapter (<c>seed/search/synonyms.txt</c>);
    /// a missing file means no synonyms.
    /// </summary>
    public string? SynonymsFile { get; set; }

    /// <summary>How long one attempt of a request may take before it is retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a request may take over all its attempts.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a health check waits for the cluster to answer.</summary>
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Retries of a request that failed transiently (transport error, 408, 429, 5xx).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Documents per <c>_bulk</c> request; larger batches are split.</summary>
    public int BulkBatchSize { get; set; } = 500;

    // Records print every property; the secrets must never reach a log through ToString().
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Url = ").Append(Url)
            .Append(", Username = ").Append(Username)
            .Append(", Password = ").Append(Password is null ? "(none)" : "***")
            .Append(", ApiKey = ").Append(ApiKey is null ? "(none)" : "***")
            .Append(", IndexPrefix = ").Append(IndexPrefix)
            .Append(", SynonymsFile = ").Append(SynonymsFile)
            .Append(", AttemptTimeout = ").Append(AttemptTimeout)
            .Append(", TotalTimeout = ").Append(TotalTimeout)
            .Append(", HealthTimeout = ").Append(HealthTimeout)
            .Append(", MaxRetryAttempts = ").Append(MaxRetryAttempts)
            .Append(", RetryDelay = ").Append(RetryDelay)
            .Append(", BulkBatchSize = ").Append(BulkBatchSize);
        return true;
    }
}
