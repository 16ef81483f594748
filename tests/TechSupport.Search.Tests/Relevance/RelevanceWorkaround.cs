namespace TechSupport.Search.Tests.Relevance;

// What kept work going, and whether it was acceptable for the deliverables.
public sealed record RelevanceWorkaround
{
    public required string Description { get; init; }

    public required string Acceptability { get; init; }
}
