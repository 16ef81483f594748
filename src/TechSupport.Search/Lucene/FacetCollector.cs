using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace TechSupport.Search.Lucene;

// Counts facet values from doc values over every document the query matches (not just the page),
// segment by segment: ordinals are counted in arrays and turned into labels once per segment.
// Category, suite and status hold one value per document; equipment may hold several.
internal sealed class FacetCollector : ICollector
{
    public const int MaxValuesPerFacet = 20;

    private static readonly (string Name, string Field, bool MultiValued)[] Facets =
    [
        ("category", LuceneFields.FacetCategory, false),
        ("suite", LuceneFields.FacetSuite, false),
        ("status", LuceneFields.FacetStatus, false),
        ("equipment", LuceneFields.FacetEquipment, true),
    ];

    private readonly Dictionary<string, long>[] totals = Facets.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
    private readonly SortedDocValues?[] single = new SortedDocValues?[Facets.Length];
    private readonly SortedSetDocValues?[] multiple = new SortedSetDocValues?[Facets.Length];
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
            long valueCount;
            if (Facets[i].MultiValued)
            {
                multiple[i] = context.AtomicReader.GetSortedSetDocValues(Facets[i].Field);
                valueCount = multiple[i]?.ValueCount ?? 0;
            }
            else
            {
                single[i] = context.AtomicReader.GetSortedDocValues(Facets[i].Field);
                valueCount = single[i]?.ValueCount ?? 0;
            }

            counts[i] = valueCount > 0 ? new int[checked((int)valueCount)] : null;
        }
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < Facets.Length; i++)
        {
            if (counts[i] is not { } segmentCounts)
            {
                continue;
            }

            if (single[i] is { } one)
            {
                var ord = one.GetOrd(doc);
                if (ord >= 0)
                {
                    segmentCounts[ord]++;
                }
            }
            else if (multiple[i] is { } many)
            {
                many.SetDocument(doc);
                long ord;
                while ((ord = many.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                {
                    segmentCounts[ord]++;
                }
            }
        }
    }

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
            if (counts[i] is { } segmentCounts)
            {
                for (var ord = 0; ord < segmentCounts.Length; ord++)
                {
                    if (segmentCounts[ord] == 0)
                    {
                        continue;
                    }

                    if (single[i] is { } one)
                    {
                        one.LookupOrd(ord, scratch);
                    }
                    else if (multiple[i] is { } many)
                    {
                        many.LookupOrd(ord, scratch);
                    }

                    var label = scratch.Utf8ToString();
                    totals[i][label] = totals[i].GetValueOrDefault(label) + segmentCounts[ord];
                }
            }

            single[i] = null;
            multiple[i] = null;
            counts[i] = null;
        }
    }
}
