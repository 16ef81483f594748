using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace TechSupport.Search.Elasticsearch;

// Refuses settings the adapter cannot work with, at start rather than at the first search.
internal sealed partial class ElasticsearchOptionsValidator : IValidateOptions<ElasticsearchOptions>
{
    private const string Section = "Search:Elasticsearch";

    public ValidateOptionsResult Validate(string? name, ElasticsearchOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Url))
        {
            failures.Add($"{Section}:Url is required when the search engine is Elasticsearch (e.g. http://elasticsearch:9200).");
        }
        else if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url)
                 || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Section}:Url must be an absolute http or https address.");
        }

        var hasUser = !string.IsNullOrEmpty(options.Username);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        if (hasUser != hasPassword)
        {
            failures.Add($"{Section}:Username and {Section}:Password go together.");
        }

        if (hasUser && !string.IsNullOrEmpty(options.ApiKey))
        {
            failures.Add($"Give either {Section}:ApiKey or {Section}:Username and Password, not both.");
        }

        if (!IndexPrefixPattern().IsMatch(options.IndexPrefix ?? ""))
        {
            failures.Add($"{Section}:IndexPrefix must start with a lower-case letter or digit and hold only lower-case letters, digits, '-' and '_' (at most 100).");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.TotalTimeout <= TimeSpan.Zero || options.HealthTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section} timeouts must be positive.");
        }
        else if (options.AttemptTimeout >= options.TotalTimeout)
        {
            failures.Add($"{Section}:AttemptTimeout must be shorter than {Section}:TotalTimeout.");
        }

        // The standard resilience pipeline retries at least once; 10 keeps a dead engine from holding callers.
        if (options.MaxRetryAttempts is < 1 or > 10)
        {
            failures.Add($"{Section}:MaxRetryAttempts must be from 1 to 10.");
        }

        if (options.RetryDelay < TimeSpan.Zero)
        {
            failures.Add($"{Section}:RetryDelay must not be negative.");
        }

        if (options.BulkBatchSize is < 1 or > 10_000)
        {
            failures.Add($"{Section}:BulkBatchSize must be from 1 to 10000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,99}$")]
    private static partial Regex IndexPrefixPattern();
}
