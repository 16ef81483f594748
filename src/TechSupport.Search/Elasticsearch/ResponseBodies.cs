using System.Text.Json;
using System.Text.Json.Serialization;

namespace TechSupport.Search.Elasticsearch;

// The parts of Elasticsearch's answers that the adapter reads; everything else is ignored.

internal sealed record SearchResponse
{
    public HitsEnvelope Hits { get; init; } = new();

    public IReadOnlyDictionary<string, TermsAggregate>? Aggregations { get; init; }

    public string? PitId { get; init; }
}

internal sealed record HitsEnvelope
{
    public TotalHits? Total { get; init; }

    public IReadOnlyList<Hit> Hits { get; init; } = [];
}

internal sealed record TotalHits(long Value, string? Relation);

internal sealed record Hit
{
    [JsonPropertyName("_id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("_score")]
    public double? Score { get; init; }

    [JsonPropertyName("_source")]
    public IndexedDocument? Source { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Highlight { get; init; }

    public IReadOnlyList<JsonElement>? Sort { get; init; }
}

internal sealed record TermsAggregate
{
    public IReadOnlyList<TermsBucket> Buckets { get; init; } = [];
}

internal sealed record TermsBucket
{
    public JsonElement Key { get; init; }

    public long DocCount { get; init; }

    // The sub-aggregation that names a suite bucket.
    public TermsAggregate? Label { get; init; }
}

internal sealed record CountResponse(long Count);

internal sealed record OpenPointInTimeResponse(string Id);

internal sealed record ClusterHealthResponse(string Status);

// One entry of GET /{pattern}/_alias: an index and the aliases it holds.
internal sealed record IndexAliases
{
    public IReadOnlyDictionary<string, JsonElement> Aliases { get; init; } = new Dictionary<string, JsonElement>();
}

internal sealed record BulkResponse
{
    public bool Errors { get; init; }

    public IReadOnlyList<BulkItem> Items { get; init; } = [];
}

internal sealed record BulkItem
{
    public BulkItemResult? Index { get; init; }

    public BulkItemResult? Delete { get; init; }

    public BulkItemResult? Create { get; init; }

    public BulkItemResult? Update { get; init; }

    [JsonIgnore]
    public BulkItemResult? Result => Index ?? Delete ?? Create ?? Update;
}

internal sealed record BulkItemResult
{
    public int Status { get; init; }

    public string? Result { get; init; }

    public ErrorCause? Error { get; init; }
}

internal sealed record ErrorCause
{
    public string? Type { get; init; }

    public string? Reason { get; init; }
}
