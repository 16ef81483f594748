namespace TechSupport.Search.Tests.Relevance;

// One query of seed/relevance/queries.json and the faults that answer it, best first.
public sealed record RelevanceQuery
{
    public required string Id { get; init; }

    public required string Text { get; init; }

    public required RelevanceMode Mode { get; init; }

    // How it was typed (typo, shorthand, error, version, synonym, paraphrase, literal, kit), so the
    // report can say which kinds of query an engine handles badly without naming queries to tune for.
    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<RelevanceComponent> Components { get; init; } = [];

    public required IReadOnlyList<string> Relevant { get; init; }
}
