namespace TechSupport.Search;

/// <summary>
/// One indexed fault, article or configuration, flattened for search. The engine stores only the
/// newest <see cref="Version"/> of a key: an older update never overwrites a newer one.
/// </summary>
public sealed record SearchDocument
{
    /// <summary>Unique across kinds, e.g. "fault-{id}"; see <see cref="SearchKeys"/>.</summary>
    public required string Key { get; init; }

    /// <summary>What the document stands for.</summary>
    public required DocumentKind Kind { get; init; }

    /// <summary>The id of the fault, article or configuration revision.</summary>
    public required Guid Id { get; init; }

    /// <summary>The row version the document was built from; higher wins.</summary>
    public required long Version { get; init; }

    /// <summary>The title.</summary>
    public required string Title { get; init; }

    /// <summary>The human reference of a fault ("TS-1042"), searchable as typed.</summary>
    public string? Number { get; init; }

    /// <summary>Symptoms of a fault, or the body of an article.</summary>
    public string Text { get; init; } = "";

    /// <summary>The fix that resolved it, when one is known.</summary>
    public string? Fix { get; init; }

    /// <summary>The root cause, when one is known.</summary>
    public string? RootCause { get; init; }

    /// <summary>The workaround that keeps work going, when there is one.</summary>
    public string? Workaround { get; init; }

    /// <summary>The workaround's acceptability for deliverables ("Acceptable", ...).</summary>
    public string? WorkaroundAcceptability { get; init; }

    /// <summary>The conditions under which the workaround is acceptable, when any were given.</summary>
    public string? WorkaroundConditions { get; init; }

    /// <summary>Comments and other free text from the timeline, joined.</summary>
    public string? Comments { get; init; }

    /// <summary>The suite's id (a facet value).</summary>
    public Guid? SuiteId { get; init; }

    /// <summary>The suite's name (the facet label and the hit's suite).</summary>
    public string? SuiteName { get; init; }

    /// <summary>The fault category (a facet).</summary>
    public string? Category { get; init; }

    /// <summary>The status (a facet).</summary>
    public string? Status { get; init; }

    /// <summary>The workflow stage.</summary>
    public string? Stage { get; init; }

    /// <summary>The severity.</summary>
    public string? Severity { get; init; }

    /// <summary>Equipment names, e.g. "Blackmagic Design DeckLink 8K Pro" (a facet).</summary>
    public IReadOnlyList<string> Equipment { get; init; } = [];

    /// <summary>
    /// Components of the configuration the document applies to, as <see cref="ComponentKey"/> values,
    /// for configuration-aware ranking of suggestions.
    /// </summary>
    public IReadOnlyList<ComponentKey> Components { get; init; } = [];

    /// <summary>Who may see it.</summary>
    public DocumentAccess Access { get; init; } = DocumentAccess.Standard;

    /// <summary>When the fault was logged or the article written; empty queries list newest first.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Whether a fix is known (a resolved or closed fault, or an article): only these are suggested.</summary>
    public bool HasFix { get; init; }
}
