using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace TechSupport.Search.Elasticsearch;

// The index template of infra/elasticsearch/index-template.json (embedded in this assembly), with
// its placeholders filled: the index pattern of our prefix and the synonym rules the Lucene adapter reads too.
internal static class ElasticsearchIndexTemplate
{
    public const string ResourceName = "TechSupport.Search.Elasticsearch.index-template.json";

    public const string IndexPatternPlaceholder = "{{indexPattern}}";

    public const string SynonymsPlaceholder = "{{synonyms}}";

    // Elasticsearch refuses a synonym filter with no rules, so an empty list becomes one rule that maps a
    // word nobody types to itself.
    public const string NoSynonymsRule = "techsupport_no_synonyms";

    public static async Task<JsonObject> BuildAsync(
        ElasticsearchIndexNames names, string? synonymsFile, ILogger logger, CancellationToken ct)
    {
        var rules = await ReadSynonymsAsync(synonymsFile, logger, ct);
        var template = await LoadAsync(ct);

        var patterns = template["index_patterns"] as JsonArray;
        if (patterns is not [JsonValue pattern] || pattern.GetValue<string>() != IndexPatternPlaceholder)
        {
            throw new InvalidOperationException($"The index template's index_patterns must be [\"{IndexPatternPlaceholder}\"].");
        }

        template["index_patterns"] = new JsonArray(names.IndexPattern);

        var filter = template["template"]?["settings"]?["analysis"]?["filter"]?["techsupport_synonyms"] as JsonObject;
        if (filter?["synonyms"] is not JsonArray synonyms || synonyms is not [JsonValue placeholder] || placeholder.GetValue<string>() != SynonymsPlaceholder)
        {
            throw new InvalidOperationException($"The index template's techsupport_synonyms filter must hold [\"{SynonymsPlaceholder}\"].");
        }

        IReadOnlyList<string> filled = rules.Count == 0 ? [NoSynonymsRule] : rules;
        filter["synonyms"] = new JsonArray([.. filled.Select(rule => (JsonNode)JsonValue.Create(rule))]);
        ElasticsearchLog.PuttingTemplate(logger, names.TemplateName, rules.Count);
        return template;
    }

    // The rules of a Solr-format synonym file: one rule a line ("san, shared storage" or "tc => timecode"),
    // '#' starting a comment line. A missing file is no rules.
    public static async Task<IReadOnlyList<string>> ReadSynonymsAsync(string? path, ILogger logger, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return [];
        }

        if (!File.Exists(path))
        {
            ElasticsearchLog.SynonymsMissing(logger, path);
            return [];
        }

        var lines = await File.ReadAllLinesAsync(path, ct);
        return [.. lines.Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'))];
    }

    private static async Task<JsonObject> LoadAsync(CancellationToken ct)
    {
        await using var stream = typeof(ElasticsearchIndexTemplate).Assembly.GetManifestResourceStream(ResourceName)
                                 ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        return await JsonNode.ParseAsync(stream, cancellationToken: ct) as JsonObject
               ?? throw new InvalidOperationException("The index template is not a JSON object.");
    }
}
