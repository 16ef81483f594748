using System.Globalization;

namespace TechSupport.Search.Elasticsearch;

// The names the adapter owns under one prefix: the live alias that every read and write goes
// through, the versioned indices behind it, and the alias that marks a rebuild in progress.
internal sealed class ElasticsearchIndexNames(string prefix)
{
    // The alias readers and writers use, e.g. techsupport-docs; also the template's name.
    public string Alias { get; } = $"{prefix}-docs";

    // Marks the index a rebuild is filling, so live writes reach it too.
    public string RebuildAlias { get; } = $"{prefix}-docs-rebuilding";

    public string IndexPattern { get; } = $"{prefix}-docs-*";

    public string TemplateName => Alias;

    public string Index(int number) => $"{Alias}-{number.ToString("D6", CultureInfo.InvariantCulture)}";

    public int? NumberOf(string index)
    {
        var head = Alias + "-";
        if (!index.StartsWith(head, StringComparison.Ordinal))
        {
            return null;
        }

        var tail = index.AsSpan(head.Length);
        return tail.Length == 6 && int.TryParse(tail, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
    }
}
