using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TechSupport.Search.Elasticsearch;

// Builds the bodies of searches, suggestions, similar-document and count requests. Every one carries
// SecurityFilter as a filter clause, so hits, totals and facet counts are all counted
// inside the engine over what the caller may see (S2, S3).
internal static partial class ElasticsearchQueries
{
    // Elasticsearch's index.max_result_window, as the template sets it.
    public const int MaxResultWindow = 10_000;

    public const int MaxQueryLength = 1_000;

    // Index-time analysis plus stop words and no synonyms: fuzzy terms and more_like_this.
    public const string EnglishFuzzyAnalyzer = "techsupport_english_fuzzy";

    // A typo-tolerant clause over hundreds of words expands into thousands of terms; the first words carry the meaning.
    private const int FuzzyWords = 32;

    private const int MaxCodes = 20;

    private const int MaxComponents = 50;

    // The most a perfect configuration match adds to a suggestion's text score.
    private const double ConfigurationBoost = 3;

    private static readonly ImmutableArray<string> TextFields =
        ["title^3", "text^2", "fix", "rootCause", "workaround", "comments", "equipment.text", "suiteName.text", "configuration^0.5"];

    private static readonly ImmutableArray<string> SuggestionFields = ["title^3", "text^2", "fix", "rootCause", "workaround", "equipment.text"];

    private static readonly ImmutableArray<string> SimilarFields = ["title", "text", "fix", "rootCause", "workaround", "comments"];

    private static readonly ImmutableArray<string> HitFields =
    [
        "key", "kind", "id", "title", "number", "text", "fix", "workaround", "workaroundAcceptability", "workaroundConditions",
        "status", "category", "suiteName", "createdAt", "components", "componentVersions",
    ];

    // S2 and E5 as a filter: Standard for everyone; Confidential for Manager rank or a clearance for its
    // production; Restricted only with a clearance for its production, except that a security incident
    // stays visible to Manager rank and to its reporter.
    public static Query SecurityFilter(SearchAccess access)
    {
        var visible = new List<Query> { Query.TermOf("classification", "Standard") };
        if (access.ManagerRank)
        {
            visible.Add(Query.TermOf("classification", "Confidential"));
        }

        var cleared = access.ClearedProductionIds.Distinct().Order().Select(id => id.ToString("D")).ToList();
        if (cleared.Count > 0)
        {
            visible.Add(Query.Of(new BoolQuery
            {
                Filter = [Query.TermsOf("classification", ["Confidential", "Restricted"]), Query.TermsOf("productionId", cleared)],
            }));
        }

        List<Query> incident = [Query.TermOf("classification", "Restricted"), Query.TermOf("securityIncident", true)];
        if (!access.ManagerRank)
        {
            incident.Add(Query.TermOf("reporterId", access.UserId.ToString("D")));
        }

        visible.Add(Query.Of(new BoolQuery { Filter = incident }));
        return Query.Of(new BoolQuery { Should = visible, MinimumShouldMatch = 1 });
    }

    public static SearchBody Search(SearchQuery query)
    {
        var filters = new List<Query> { SecurityFilter(query.Access) };
        if (query.Kind is { } kind)
        {
            filters.Add(Query.TermOf("kind", kind.ToString()));
        }

        if (query.SuiteId is { } suite)
        {
            filters.Add(Query.TermOf("suiteId", suite.ToString("D")));
        }

        AddTerm(filters, "category", query.Category);
        AddTerm(filters, "equipment", query.Equipment);
        AddTerm(filters, "status", query.Status);

        var text = Clean(query.Text);
        var size = Math.Clamp(query.PageSize, 0, MaxResultWindow);
        var from = (long)(Math.Max(query.Page, 1) - 1) * size;

        // Elasticsearch refuses pages past max_result_window; past it the page is empty, while the total
        // and the facets still come back.
        var pastWindow = from + size > MaxResultWindow;

        return new SearchBody
        {
            Query = text.Length == 0
                ? Query.Of(new BoolQuery { Must = [Query.All()], Filter = filters })
                : Query.Of(TextQuery(text) with { Filter = filters }),
            From = pastWindow ? 0 : (int)from,
            Size = pastWindow ? 0 : size,
            TrackTotalHits = true,
            Sort = text.Length == 0
                ? [Order("createdAt", "desc"), Order("key", "asc")]
                : [Order("_score", "desc"), Order("createdAt", "desc")],
            Source = HitFields,
            Aggs = Facets(),
            Highlight = text.Length == 0 ? null : Highlighting(),
        };
    }

    // The suggestion request, or null when nothing has been typed yet.
    public static SearchBody? Suggest(SuggestionQuery query)
    {
        var text = Clean($"{query.Title} {query.Symptoms}");
        if (text.Length == 0)
        {
            return null;
        }

        var similar = new Query
        {
            MoreLikeThis = new MoreLikeThisQuery(SimilarFields, [text])
            {
                MinTermFreq = 1,
                MinDocFreq = 1,
                MaxQueryTerms = 25,
                MinimumShouldMatch = "30%",
                Analyzer = EnglishFuzzyAnalyzer,
            },
        };
        var typed = TextQuery(text, SuggestionFields);

        return new SearchBody
        {
            Query = Query.Of(new BoolQuery
            {
                Must = [Query.Of(typed with { Should = [similar, .. typed.Should ?? []] })],
                Should = ComponentBoosts(query.Components) is { Count: > 0 } boosts ? boosts : null,
                Filter = [Query.TermOf("hasFix", true), SecurityFilter(query.Access)],
            }),
            Size = Math.Clamp(query.Limit, 1, 50),
            TrackTotalHits = false,
            Source = HitFields,
            Highlight = Highlighting(),
        };
    }

    // Counts the document with key if the caller may see it (0 or 1).
    public static CountBody Visible(string key, SearchAccess access) =>
        new(Query.Of(new BoolQuery { Filter = [Query.IdsOf(key), SecurityFilter(access)] }));

    public static SearchBody Similar(SimilarQuery query, string alias) => new()
    {
        Query = Query.Of(new BoolQuery
        {
            Must =
            [
                new Query
                {
                    MoreLikeThis = new MoreLikeThisQuery(SimilarFields, [new LikeDocument(alias, query.Key)])
                    {
                        MinTermFreq = 1,
                        MinDocFreq = 1,
                        MaxQueryTerms = 25,
                        MinimumShouldMatch = "30%",
                        Analyzer = EnglishFuzzyAnalyzer,
                    },
                },
            ],
            MustNot = [Query.IdsOf(query.Key)],
            Filter = [SecurityFilter(query.Access)],
        }),
        Size = Math.Clamp(query.Limit, 1, 50),
        TrackTotalHits = false,
        Source = HitFields,
    };

    public static CountBody Count(SearchAccess access, DocumentKind? kind) =>
        new(Query.Of(new BoolQuery
        {
            Filter = kind is { } k ? [SecurityFilter(access), Query.TermOf("kind", k.ToString())] : [SecurityFilter(access)],
        }));

    public static SearchBody VersionsPage(PointInTime pit, int size, IReadOnlyList<JsonElement>? after) => new()
    {
        Pit = pit,
        Size = size,
        Sort = [Order("key", "asc")],
        Source = ["key", "version"],
        TrackTotalHits = false,
        SearchAfter = after,
    };

    // What the user typed, as should clauses of which one must match: typo-tolerant words; the same words
    // with synonyms and no fuzziness, boosted so exact beats fuzzy; version and error-code tokens on the
    // exact field; fault numbers on number, boosted to rank first.
    private static BoolQuery TextQuery(string text, IReadOnlyList<string>? fields = null)
    {
        fields ??= TextFields;
        var fuzzyText = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(FuzzyWords));
        var should = new List<Query>
        {
            new()
            {
                MultiMatch = new MultiMatchQuery(fuzzyText, fields)
                {
                    Type = "best_fields",
                    Fuzziness = "AUTO",
                    PrefixLength = 1,
                    MaxExpansions = 20,
                    Analyzer = EnglishFuzzyAnalyzer,
                    TieBreaker = 0.3,
                    Boost = 1,
                },
            },
            new()
            {
                MultiMatch = new MultiMatchQuery(text, fields) { Type = "best_fields", TieBreaker = 0.3, Boost = 2 },
            },
        };

        var codes = CodeTokens(text);
        if (codes.Count > 0)
        {
            should.Add(Query.MatchOf("exact", new MatchQuery(string.Join(' ', codes)) { Boost = 4 }));
        }

        var numbers = FaultNumbers(text);
        if (numbers.Count > 0)
        {
            should.Add(Query.TermsOf("number", numbers, 20));
        }

        return new BoolQuery { Should = should, MinimumShouldMatch = 1 };
    }

    // Should clauses that lift fixes from a configuration like the operator's: per component, half the
    // weight for the same product and half for the same version too (see ConfigurationMatch).
    private static List<Query> ComponentBoosts(IReadOnlyList<ComponentKey> components)
    {
        var distinct = components.DistinctBy(c => c.VersionToken).Take(MaxComponents).ToList();
        var boosts = new List<Query>();
        if (distinct.Count == 0)
        {
            return boosts;
        }

        var weight = ConfigurationBoost / distinct.Count;
        foreach (var component in distinct)
        {
            if (string.IsNullOrWhiteSpace(component.Version))
            {
                boosts.Add(Query.TermOf("components", component.ProductToken, weight));
            }
            else
            {
                boosts.Add(Query.TermOf("components", component.ProductToken, weight / 2));
                boosts.Add(Query.TermOf("componentVersions", component.VersionToken, weight / 2));
            }
        }

        return boosts;
    }

    private static Dictionary<string, Aggregation> Facets() => new()
    {
        ["category"] = new() { Terms = new TermsAggregation("category") { Size = 50 } },
        ["suite"] = new()
        {
            Terms = new TermsAggregation("suiteId") { Size = 100 },
            Aggs = new Dictionary<string, Aggregation> { ["label"] = new() { Terms = new TermsAggregation("suiteName") { Size = 1 } } },
        },
        ["status"] = new() { Terms = new TermsAggregation("status") { Size = 20 } },
        ["equipment"] = new() { Terms = new TermsAggregation("equipment") { Size = 50 } },
    };

    private static Highlight Highlighting() => new(new Dictionary<string, HighlightField>
    {
        ["text"] = new(),
        ["title"] = new(),
        ["fix"] = new(),
    })
    {
        Encoder = "html",
        PreTags = ["<mark>"],
        PostTags = ["</mark>"],
        RequireFieldMatch = false,
        FragmentSize = 200,
        NumberOfFragments = 1,

        // Past index.highlight.max_analyzed_offset the engine fails the whole search; this cuts the highlight instead.
        MaxAnalyzedOffset = 100_000,
    };

    private static Dictionary<string, FieldSort> Order(string field, string order) => new() { [field] = new FieldSort(order) };

    private static void AddTerm(List<Query> filters, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            filters.Add(Query.TermOf(field, value.Trim()));
        }
    }

    // The typed text with white space collapsed, cut to MaxQueryLength; never parsed as syntax.
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length <= MaxQueryLength ? collapsed : collapsed[..MaxQueryLength].TrimEnd();
    }

    // Tokens with a digit in them, as the exact analyser cuts them: "19.1", "KB5034441", "AAE-9173".
    public static IReadOnlyList<string> CodeTokens(string text) =>
        [.. ExactToken().Matches(text)
            .Select(m => m.Value.ToLowerInvariant())
            .Where(token => token.Any(char.IsAsciiDigit))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxCodes)];

    // References shaped like a fault number ("TS-1042"), lower-cased like the number field. A bare number is
    // not taken for one: "Grade 2" must not put TS-2 first.
    public static IReadOnlyList<string> FaultNumbers(string text) =>
        [.. ExactToken().Matches(text)
            .Select(m => m.Value.ToLowerInvariant())
            .Where(token => FaultNumber().IsMatch(token))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxCodes)];

    // The same pattern as the exact tokenizer of the index template.
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[._@/\-][\p{L}\p{N}]+)*")]
    private static partial Regex ExactToken();

    [GeneratedRegex(@"^[a-z]{1,6}-[0-9]{1,9}$")]
    private static partial Regex FaultNumber();
}
