using System.Globalization;

namespace TechSupport.Search.Elasticsearch;

/// <summary>
/// The names the adapter owns under one prefix: the live alias that every read and write goes
/// through, the versioned indices behind it, and the alias that marks a rebuild in progress.
/// </summary>
internal sealed class ElasticsearchIndexNames(string prefix)
{
    /// <summary>The alias readers and writers use, e.g. <c>techsupport-docs</c>; also the template's name.</summary>
    public string Alias { get; } = $"{prefix}-docs";

    /// <summary>Marks the index a rebuild is filling, so live writes reach it too.</summary>
    public string RebuildAlias { get; } = $"{prefix}-docs-rebuilding";

    /// <summary>The pattern the index template applies to.</summary>
    public string IndexPattern { get; } = $"{prefix}-docs-*";

    public string TemplateName => Alias;

    public string Index(int number) => $"{Alias}-{number.ToString("D6", CultureInfo.InvariantCulture)}";

    /// <summary>The number of one of our versioned indices, or null for any other name.</summary>
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
