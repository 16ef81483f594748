using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace TechSupport.Search.Lucene;

/// <summary>
/// Counts facet values from doc values over every document the query matches (not just the page),
/// segment by segment: ordinals are counted in arrays and turned into labels once per segment.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    /// <summary>At most this many entries per facet, largest first.</summary>
    public const int MaxValuesPerFacet = 20;

    private static readonly (string Name, string Field)[] Facets =
    [
        ("category", LuceneFields.FacetCategory),
        ("suite", LuceneFields.FacetSuite),
        ("status", LuceneFields.FacetStatus),
        ("equipment", LuceneFields.FacetEquipment),
    ];

    private readonly Dictionary<string, long>[] totals = Facets.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
    private readonly SortedSetDocValues?[] values = new SortedSetDocValues?[Facets.Length];
    private readonly int[]?[] counts = new int[]?[Facets.Length];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        for (var i = 0; i < Facets.Length; i++)
        {
            var segmentValues = context.AtomicReader.GetSortedSetDocValues(Facets[i].Field);
            values[i] = segmentValues;
            counts[i] = segmentValues is null ? null : new int[checked((int)segmentValues.ValueCount)];
        }
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < Facets.Length; i++)
        {
            if (values[i] is not { } segmentValues)
            {
                continue;
            }

            var segmentCounts = counts[i]!;
            segmentValues.SetDocument(doc);
            long ord;
            while ((ord = segmentValues.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                segmentCounts[ord]++;
            }
        }
    }

    /// <summary>The counts per facet, largest first and ties by label; the suite's value is its id, its label the name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Results()
    {
        Flush();
        var results = new Dictionary<string, IReadOnlyList<FacetCount>>(StringComparer.Ordinal);
        for (var i = 0; i < Facets.Length; i++)
        {
            var name = Facets[i].Name;
            var entries = name == "suite" ? SuiteEntries(totals[i]) : totals[i].Select(t => new FacetCount(t.Key, t.Key, t.Value));
            results[name] = entries
                .OrderByDescending(e => e.Count)
                .ThenBy(e => e.Label, StringComparer.OrdinalIgnoreCase)
                .ThenBy(e => e.Value, StringComparer.Ordinal)
                .Take(MaxValuesPerFacet)
                .ToList();
        }

        return results;
    }

    private static IEnumerable<FacetCount> SuiteEntries(Dictionary<string, long> totals) =>
        // A suite renamed between indexing runs appears under both names; count it once, by id.
        totals
            .Select(t => (Parts: t.Key.Split(LuceneFields.SuiteSeparator, 2), Count: t.Value))
            .GroupBy(t => t.Parts[0], StringComparer.Ordinal)
            .Select(g => new FacetCount(
                g.Key,
                g.OrderByDescending(t => t.Count).Select(t => t.Parts.Length > 1 && t.Parts[1].Length > 0 ? t.Parts[1] : g.Key).First(),
                g.Sum(t => t.Count)));

    private void Flush()
    {
        var scratch = new BytesRef();
        for (var i = 0; i < Facets.Length; i++)
        {
            if (values[i] is not { } segmentValues || counts[i] is not { } segmentCounts)
            {
                continue;
            }

            for (var ord = 0; ord < segmentCounts.Length; ord++)
            {
                if (segmentCounts[ord] == 0)
                {
                    continue;
                }

                segmentValues.LookupOrd(ord, scratch);
                var label = scratch.Utf8ToString();
                totals[i][label] = totals[i].GetValueOrDefault(label) + segmentCounts[ord];
            }

            values[i] = null;
            counts[i] = null;
        }
    }
}
