namespace TechSupport.Search;

/// <summary>
/// A search: free text (empty browses everything the caller may see, newest first), filters that
/// narrow by facet value, and a page. Text is what a user typed; the engine never parses it as
/// query syntax.
/// </summary>
public sealed record SearchQuery
{
    /// <summary>The caller; every hit and facet count is filtered for them inside the engine.</summary>
    public required SearchAccess Access { get; init; }

    /// <summary>What the user typed; null or blank browses.</summary>
    public string? Text { get; init; }

    /// <summary>Only this kind of document.</summary>
    public DocumentKind? Kind { get; init; }

    /// <summary>Only this suite (the suite facet's value).</summary>
    public Guid? SuiteId { get; init; }

    /// <summary>Only this category.</summary>
    public string? Category { get; init; }

    /// <summary>Only documents naming this equipment.</summary>
    public string? Equipment { get; init; }

    /// <summary>Only this status.</summary>
    public string? Status { get; init; }

    /// <summary>The page, counted from 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Hits per page.</summary>
    public int PageSize { get; init; } = 25;
}
