using System.Net;

namespace TechSupport.Search.Elasticsearch;

internal static class ElasticsearchResults
{
    private const int SnippetLength = 200;

    public static SearchResults ToResults(SearchResponse response) => new(
        response.Hits.Total?.Value ?? 0,
        [.. response.Hits.Hits.Select(hit => ToHit(hit))],
        Facets(response.Aggregations));

    public static SearchHit ToHit(Hit hit, double configurationMatch = 0)
    {
        var source = hit.Source ?? new IndexedDocument();
        return new SearchHit
        {
            Key = source.Key.Length > 0 ? source.Key : hit.Id,
            Kind = Enum.TryParse<DocumentKind>(source.Kind, ignoreCase: true, out var kind) ? kind : DocumentKind.Fault,
            Id = source.Id,
            Title = source.Title,
            Snippet = Snippet(hit, source),
            Score = hit.Score ?? 0,
            Number = source.Number,
            Status = source.Status,
            Category = source.Category,
            Suite = source.SuiteName,
            Fix = source.Fix,
            Workaround = source.Workaround,
            WorkaroundAcceptability = source.WorkaroundAcceptability,
            WorkaroundConditions = source.WorkaroundConditions,
            ConfigurationMatch = configurationMatch,
            CreatedAt = source.CreatedAt,
        };
    }

    // How close a document's configuration is to the operator's, from 0 to 1: the mean over the operator's
    // components of 1 when the document has the same product at the same version (or the operator's
    // version is unknown), 0.5 for the same product at another version, 0 otherwise. No components, 0.
    public static double ConfigurationMatch(IReadOnlyList<ComponentKey> components, IndexedDocument? document)
    {
        var mine = components.DistinctBy(c => c.VersionToken).ToList();
        if (mine.Count == 0 || document is null)
        {
            return 0;
        }

        var products = (document.Components ?? []).ToHashSet(StringComparer.Ordinal);
        var versions = (document.ComponentVersions ?? []).ToHashSet(StringComparer.Ordinal);
        var sum = mine.Sum(c => !products.Contains(c.ProductToken) ? 0
            : string.IsNullOrWhiteSpace(c.Version) || versions.Contains(c.VersionToken) ? 1
            : 0.5);
        return Math.Round(sum / mine.Count, 4);
    }

    private static Dictionary<string, IReadOnlyList<FacetCount>> Facets(IReadOnlyDictionary<string, TermsAggregate>? aggregations)
    {
        var facets = new Dictionary<string, IReadOnlyList<FacetCount>>(StringComparer.Ordinal);
        foreach (var name in SearchResults.FacetNames)
        {
            var buckets = aggregations is not null && aggregations.TryGetValue(name, out var aggregate) ? aggregate.Buckets : [];
            facets[name] =
            [
                .. buckets
                    .Select(b => (Value: b.Key.ToString(), Bucket: b))
                    .Select(b => new FacetCount(b.Value, Label(b.Value, b.Bucket), b.Bucket.DocCount))
                    .OrderByDescending(f => f.Count)
                    .ThenBy(f => f.Label, StringComparer.OrdinalIgnoreCase),
            ];
        }

        return facets;

        static string Label(string value, TermsBucket bucket) =>
            bucket.Label?.Buckets is [var label, ..] ? label.Key.ToString() : value;
    }

    // The engine's highlight (already HTML-escaped with the matches in <mark>), or the escaped start of the text.
    private static string Snippet(Hit hit, IndexedDocument source)
    {
        return Highlighted("text")
               ?? Highlighted("fix")
               ?? (string.IsNullOrWhiteSpace(source.Text) ? Highlighted("title") : null)
               ?? WebUtility.HtmlEncode(Start(string.IsNullOrWhiteSpace(source.Text) ? source.Title : source.Text));

        string? Highlighted(string field) =>
            hit.Highlight is not null && hit.Highlight.TryGetValue(field, out var fragments) && fragments is [var fragment, ..]
                ? fragment
                : null;
    }

    private static string Start(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length <= SnippetLength)
        {
            return trimmed;
        }

        var cut = trimmed.LastIndexOf(' ', SnippetLength);
        return string.Concat(trimmed.AsSpan(0, cut > SnippetLength / 2 ? cut : SnippetLength), "…");
    }
}
