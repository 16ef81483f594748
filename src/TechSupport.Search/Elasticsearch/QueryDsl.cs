using System.Text.Json;
using System.Text.Json.Serialization;

namespace TechSupport.Search.Elasticsearch;

// The slice of the Query DSL the adapter speaks, one property per query type so that exactly one is
// set and the serialiser writes {"bool": {...}}, {"term": {...}} and so on.

internal sealed record Query
{
    public BoolQuery? Bool { get; init; }

    public EmptyObject? MatchAll { get; init; }

    public MultiMatchQuery? MultiMatch { get; init; }

    public IReadOnlyDictionary<string, MatchQuery>? Match { get; init; }

    public IReadOnlyDictionary<string, TermQuery>? Term { get; init; }

    public TermsQuery? Terms { get; init; }

    public IdsQuery? Ids { get; init; }

    public MoreLikeThisQuery? MoreLikeThis { get; init; }

    public static Query All() => new() { MatchAll = new EmptyObject() };

    public static Query Of(BoolQuery query) => new() { Bool = query };

    public static Query TermOf(string field, object value, double? boost = null) =>
        new() { Term = new Dictionary<string, TermQuery> { [field] = new(value) { Boost = boost } } };

    public static Query TermsOf(string field, IReadOnlyList<string> values, double? boost = null) =>
        new() { Terms = new TermsQuery(field, values, boost) };

    public static Query MatchOf(string field, MatchQuery query) =>
        new() { Match = new Dictionary<string, MatchQuery> { [field] = query } };

    public static Query IdsOf(params string[] ids) => new() { Ids = new IdsQuery(ids) };
}

// Serialises as {}, for queries and aliases that take no settings.
internal sealed record EmptyObject;

internal sealed record BoolQuery
{
    public IReadOnlyList<Query>? Must { get; init; }

    public IReadOnlyList<Query>? Should { get; init; }

    public IReadOnlyList<Query>? Filter { get; init; }

    public IReadOnlyList<Query>? MustNot { get; init; }

    public int? MinimumShouldMatch { get; init; }

    public double? Boost { get; init; }
}

internal sealed record MultiMatchQuery(string Query, IReadOnlyList<string> Fields)
{
    public string? Type { get; init; }

    public string? Fuzziness { get; init; }

    public int? PrefixLength { get; init; }

    public int? MaxExpansions { get; init; }

    public string? Analyzer { get; init; }

    public string? Operator { get; init; }

    public double? TieBreaker { get; init; }

    public double? Boost { get; init; }
}

internal sealed record MatchQuery(string Query)
{
    public string? Operator { get; init; }

    public double? Boost { get; init; }
}

internal sealed record TermQuery(object Value)
{
    public double? Boost { get; init; }
}

// {"terms": {"field": [values], "boost": b}}: the field name is a key beside boost.
[JsonConverter(typeof(TermsQueryConverter))]
internal sealed record TermsQuery(string Field, IReadOnlyList<string> Values, double? Boost);

internal sealed record IdsQuery(IReadOnlyList<string> Values);

internal sealed record MoreLikeThisQuery(IReadOnlyList<string> Fields, IReadOnlyList<object> Like)
{
    public int? MinTermFreq { get; init; }

    public int? MinDocFreq { get; init; }

    public int? MaxQueryTerms { get; init; }

    public string? MinimumShouldMatch { get; init; }

    public string? Analyzer { get; init; }

    public double? Boost { get; init; }
}

// A document already in the index, as the like of a more_like_this query.
internal sealed record LikeDocument(
    [property: JsonPropertyName("_index")] string Index,
    [property: JsonPropertyName("_id")] string Id);

internal sealed class TermsQueryConverter : JsonConverter<TermsQuery>
{
    public override TermsQuery Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Terms queries are only written.");

    public override void Write(Utf8JsonWriter writer, TermsQuery value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteStartArray(value.Field);
        foreach (var item in value.Values)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
        if (value.Boost is { } boost)
        {
            writer.WriteNumber("boost", boost);
        }

        writer.WriteEndObject();
    }
}
