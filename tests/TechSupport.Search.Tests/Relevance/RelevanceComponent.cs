namespace TechSupport.Search.Tests.Relevance;

// One component of a suite's configuration, spelt as seed/catalogue.json spells it.
public sealed record RelevanceComponent
{
    public required string Product { get; init; }

    public required string Version { get; init; }

    public ComponentKey ToKey() => new(Product, Version);
}
