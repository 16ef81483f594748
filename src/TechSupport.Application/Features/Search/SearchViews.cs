using TechSupport.Application.Abstractions;
using TechSupport.Domain;
using TechSupport.Search;

namespace TechSupport.Application.Features.Search;

public sealed record SearchHitView(
    Guid Id,
    string Kind,
    string Title,
    string Snippet,
    double Score,
    string? Number,
    string? Status,
    string? Category,
    string? Suite,
    DateTimeOffset CreatedAt);

public sealed record SearchView(long Total, IReadOnlyList<SearchHitView> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets, bool Degraded);

public sealed record SuggestionWorkaroundView(string Description, string? Acceptability, string? Conditions);

// Effectiveness: whether the fix held (PC8), for a fault and for an article promoted from one; none when
// there is no resolution to judge.
public sealed record SuggestionView(Guid Id, string Kind, string Title, string Snippet, string? Number, string? Fix,
    SuggestionWorkaroundView? Workaround, double Score, double ConfigurationMatch, Effectiveness? Effectiveness = null);

public sealed record SuggestionsView(IReadOnlyList<SuggestionView> Hits, bool Degraded);

public sealed record SimilarView(IReadOnlyList<SearchHitView> Items, bool Degraded);

internal static class SearchMapping
{
    public static SearchAccess Access(this ICurrentUser user) =>
        new(user.Id, user.Viewer.HasManagerRank, user.Viewer.ClearedProductionIds);

    public static string Name(this DocumentKind kind) => kind.ToString().ToLowerInvariant();

    public static SearchHitView View(this SearchHit hit) => new(hit.Id, hit.Kind.Name(), hit.Title, hit.Snippet, hit.Score,
        hit.Number, hit.Status, hit.Category, hit.Suite, hit.CreatedAt);

    public static SuggestionView Suggestion(this SearchHit hit) => new(hit.Id, hit.Kind.Name(), hit.Title, hit.Snippet, hit.Number,
        hit.Fix, hit.Workaround is { } w ? new SuggestionWorkaroundView(w, hit.WorkaroundAcceptability, hit.WorkaroundConditions) : null,
        hit.Score, hit.ConfigurationMatch);

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> NoFacets =
        SearchResults.FacetNames.ToDictionary(n => n, _ => (IReadOnlyList<FacetCount>)[]);
}
