using System.Text.Json;
using System.Text.Json.Serialization;

namespace TechSupport.Search.Elasticsearch;

// Bodies of the requests the adapter sends, shaped after the API specification of Elasticsearch 8.

internal sealed record SearchBody
{
    public Query? Query { get; init; }

    public int? From { get; init; }

    public int? Size { get; init; }

    public bool? TrackTotalHits { get; init; }

    public IReadOnlyList<IReadOnlyDictionary<string, FieldSort>>? Sort { get; init; }

    [JsonPropertyName("_source")]
    public IReadOnlyList<string>? Source { get; init; }

    public IReadOnlyDictionary<string, Aggregation>? Aggs { get; init; }

    public Highlight? Highlight { get; init; }

    public PointInTime? Pit { get; init; }

    public IReadOnlyList<JsonElement>? SearchAfter { get; init; }
}

internal sealed record FieldSort(string Order);

internal sealed record Aggregation
{
    public TermsAggregation? Terms { get; init; }

    public IReadOnlyDictionary<string, Aggregation>? Aggs { get; init; }
}

internal sealed record TermsAggregation(string Field)
{
    public int? Size { get; init; }
}

internal sealed record Highlight(IReadOnlyDictionary<string, HighlightField> Fields)
{
    public string? Encoder { get; init; }

    public IReadOnlyList<string>? PreTags { get; init; }

    public IReadOnlyList<string>? PostTags { get; init; }

    public bool? RequireFieldMatch { get; init; }

    public int? FragmentSize { get; init; }

    public int? NumberOfFragments { get; init; }

    public int? MaxAnalyzedOffset { get; init; }
}

internal sealed record HighlightField;

internal sealed record PointInTime(string Id, string KeepAlive);

internal sealed record CountBody(Query Query);

internal sealed record ClosePointInTimeBody(string Id);

// The body of PUT /{index}: the aliases it joins; settings and mappings come from the template.
internal sealed record CreateIndexBody(IReadOnlyDictionary<string, EmptyObject> Aliases);

internal sealed record UpdateAliasesBody(IReadOnlyList<AliasAction> Actions);

internal sealed record AliasAction
{
    public AliasTarget? Add { get; init; }

    public AliasTarget? Remove { get; init; }
}

internal sealed record AliasTarget(string Index, string Alias);

// The action line of one _bulk operation: {"index": {...}} or {"delete": {...}}.
internal sealed record BulkAction
{
    public BulkOperation? Index { get; init; }

    public BulkOperation? Delete { get; init; }
}

internal sealed record BulkOperation(
    [property: JsonPropertyName("_index")] string Index,
    [property: JsonPropertyName("_id")] string Id,
    long Version,
    string VersionType)
{
    public bool? RequireAlias { get; init; }
}
