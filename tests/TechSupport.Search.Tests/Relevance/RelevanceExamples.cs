namespace TechSupport.Search.Tests.Relevance;

// Small faults and queries for testing the harness itself, apart from the real set.
public static class RelevanceExamples
{
    public static RelevanceFault Fault(string key, string classification = "Standard", string? fix = "Reseated it.") => new()
    {
        Key = key,
        Title = $"Fault {key}",
        Symptoms = "Something is wrong.",
        Category = "Signal",
        Status = fix is null ? "New" : "Resolved",
        Fix = fix,
        Classification = classification,
        Components = [new RelevanceComponent { Product = "DeckLink 8K Pro", Version = "Desktop Video 14.2" }],
        CreatedAt = new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero),
    };

    public static RelevanceQuery Query(params string[] relevant) => new()
    {
        Id = "q",
        Text = "something",
        Mode = RelevanceMode.Search,
        Tags = ["literal"],
        Relevant = relevant,
    };
}
