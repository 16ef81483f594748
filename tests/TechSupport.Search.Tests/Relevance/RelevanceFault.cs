namespace TechSupport.Search.Tests.Relevance;

// One historical fault of seed/relevance/faults.json (its README describes the fields).
public sealed record RelevanceFault
{
    public required string Key { get; init; }

    public required string Title { get; init; }

    public required string Symptoms { get; init; }

    public required string Category { get; init; }

    public string? Stage { get; init; }

    public string? Severity { get; init; }

    public string? Suite { get; init; }

    public IReadOnlyList<string> Equipment { get; init; } = [];

    public IReadOnlyList<RelevanceComponent> Components { get; init; } = [];

    public string? RootCause { get; init; }

    public string? Fix { get; init; }

    public RelevanceWorkaround? Workaround { get; init; }

    public required string Status { get; init; }

    public string Classification { get; init; } = "Standard";

    public string? Production { get; init; }

    public IReadOnlyList<string> NearMisses { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public bool HasFix => !string.IsNullOrWhiteSpace(Fix);

    public bool IsRestricted => Classification == "Restricted";
}
