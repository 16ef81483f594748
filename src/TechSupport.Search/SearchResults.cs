namespace TechSupport.Search;

/// <summary>A page of hits with the total and the facet counts of everything that matched.</summary>
/// <param name="Total">How many documents the caller may see match, over all pages.</param>
/// <param name="Hits">This page's hits, best first (newest first when browsing).</param>
/// <param name="Facets">Counts per facet ("category", "suite", "status", "equipment"), largest first.</param>
public sealed record SearchResults(long Total, IReadOnlyList<SearchHit> Hits, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets)
{
    /// <summary>The facet names every engine counts.</summary>
    public static readonly IReadOnlyList<string> FacetNames = ["category", "suite", "status", "equipment"];
}

/// <summary>One facet entry: the value a filter takes, a label for people, and how many documents have it.</summary>
public sealed record FacetCount(string Value, string Label, long Count);

/// <summary>One search hit.</summary>
public sealed record SearchHit
{
    /// <summary>The document key.</summary>
    public required string Key { get; init; }

    /// <summary>What the hit is.</summary>
    public required DocumentKind Kind { get; init; }

    /// <summary>The fault's or article's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The title.</summary>
    public required string Title { get; init; }

    /// <summary>HTML-escaped text with the matched terms in &lt;mark&gt;.</summary>
    public required string Snippet { get; init; }

    /// <summary>The engine's relevance score (0 when browsing).</summary>
    public double Score { get; init; }

    /// <summary>The fault number, for faults.</summary>
    public string? Number { get; init; }

    /// <summary>The status.</summary>
    public string? Status { get; init; }

    /// <summary>The category.</summary>
    public string? Category { get; init; }

    /// <summary>The suite's name.</summary>
    public string? Suite { get; init; }

    /// <summary>The fix, when one is known.</summary>
    public string? Fix { get; init; }

    /// <summary>The workaround, when there is one.</summary>
    public string? Workaround { get; init; }

    /// <summary>The workaround's acceptability.</summary>
    public string? WorkaroundAcceptability { get; init; }

    /// <summary>The conditions under which the workaround is acceptable.</summary>
    public string? WorkaroundConditions { get; init; }

    /// <summary>How close the document's configuration is to the caller's suite, from 0 to 1 (suggestions).</summary>
    public double ConfigurationMatch { get; init; }

    /// <summary>When the document was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
