namespace TechSupport.Search;

/// <summary>
/// What an operator is typing, and the configuration of their suite: fixes are ranked by text
/// similarity and by how close each fix's configuration is to <see cref="Components"/>.
/// Only documents with a known fix (resolved faults and articles) are suggested.
/// </summary>
public sealed record SuggestionQuery
{
    /// <summary>The caller.</summary>
    public required SearchAccess Access { get; init; }

    /// <summary>The title typed so far.</summary>
    public string Title { get; init; } = "";

    /// <summary>The symptoms typed so far.</summary>
    public string Symptoms { get; init; } = "";

    /// <summary>The components of the operator's suite (and chosen equipment).</summary>
    public IReadOnlyList<ComponentKey> Components { get; init; } = [];

    /// <summary>At most this many suggestions.</summary>
    public int Limit { get; init; } = 5;
}

/// <summary>Documents like one already indexed, for a fault page's "similar faults".</summary>
public sealed record SimilarQuery
{
    /// <summary>The caller.</summary>
    public required SearchAccess Access { get; init; }

    /// <summary>The key of the document to find others like.</summary>
    public required string Key { get; init; }

    /// <summary>At most this many.</summary>
    public int Limit { get; init; } = 5;
}
