using System.Text.Json.Serialization;

namespace TechSupport.Search.Elasticsearch;

// A SearchDocument as it is stored in the index (_source), field for field with
// the mappings of infra/elasticsearch/index-template.json.
internal sealed record IndexedDocument
{
    [JsonPropertyName("key")]
    public string Key { get; init; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "";

    [JsonPropertyName("id")]
    public Guid Id { get; init; }

    [JsonPropertyName("version")]
    public long Version { get; init; }

    [JsonPropertyName("title")]
    public string Title { get; init; } = "";

    [JsonPropertyName("number")]
    public string? Number { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("fix")]
    public string? Fix { get; init; }

    [JsonPropertyName("rootCause")]
    public string? RootCause { get; init; }

    [JsonPropertyName("workaround")]
    public string? Workaround { get; init; }

    [JsonPropertyName("workaroundAcceptability")]
    public string? WorkaroundAcceptability { get; init; }

    [JsonPropertyName("workaroundConditions")]
    public string? WorkaroundConditions { get; init; }

    [JsonPropertyName("comments")]
    public string? Comments { get; init; }

    [JsonPropertyName("suiteId")]
    public Guid? SuiteId { get; init; }

    [JsonPropertyName("suiteName")]
    public string? SuiteName { get; init; }

    [JsonPropertyName("category")]
    public string? Category { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("stage")]
    public string? Stage { get; init; }

    [JsonPropertyName("severity")]
    public string? Severity { get; init; }

    [JsonPropertyName("equipment")]
    public IReadOnlyList<string>? Equipment { get; init; }

    [JsonPropertyName("components")]
    public IReadOnlyList<string>? Components { get; init; }

    [JsonPropertyName("componentVersions")]
    public IReadOnlyList<string>? ComponentVersions { get; init; }

    // The components as words ("DaVinci Resolve Studio 19.1.2"), so a version can be searched for.
    [JsonPropertyName("configuration")]
    public string? Configuration { get; init; }

    [JsonPropertyName("classification")]
    public string Classification { get; init; } = "Standard";

    [JsonPropertyName("productionId")]
    public Guid? ProductionId { get; init; }

    [JsonPropertyName("reporterId")]
    public Guid? ReporterId { get; init; }

    [JsonPropertyName("securityIncident")]
    public bool SecurityIncident { get; init; }

    [JsonPropertyName("createdAt")]
    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("hasFix")]
    public bool HasFix { get; init; }

    public static IndexedDocument From(SearchDocument document) => new()
    {
        Key = document.Key,
        Kind = document.Kind.ToString(),
        Id = document.Id,
        Version = document.Version,
        Title = document.Title,
        Number = document.Number,
        Text = document.Text,
        Fix = document.Fix,
        RootCause = document.RootCause,
        Workaround = document.Workaround,
        WorkaroundAcceptability = document.WorkaroundAcceptability,
        WorkaroundConditions = document.WorkaroundConditions,
        Comments = document.Comments,
        SuiteId = document.SuiteId,
        SuiteName = document.SuiteName,
        Category = document.Category,
        Status = document.Status,
        Stage = document.Stage,
        Severity = document.Severity,
        Equipment = document.Equipment,
        Components = document.Components.Select(c => c.ProductToken).Distinct(StringComparer.Ordinal).ToList(),
        ComponentVersions = document.Components.Select(c => c.VersionToken).Distinct(StringComparer.Ordinal).ToList(),
        Configuration = document.Components.Count == 0
            ? null
            : string.Join("; ", document.Components.Select(c => $"{c.Product} {c.Version}".Trim())),
        Classification = document.Access.Classification,
        ProductionId = document.Access.ProductionId,
        ReporterId = document.Access.ReporterId,
        SecurityIncident = document.Access.SecurityIncident,
        CreatedAt = document.CreatedAt,
        HasFix = document.HasFix,
    };
}
