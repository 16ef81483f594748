using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace TechSupport.Search.Lucene;

// Counts facet values over every document the query matches (not just the page), segment by
// segment: each segment's doc values are read once into arrays (SegmentFacets, kept while the
// segment lives), ordinals are counted in arrays and turned into labels once per segment.
// Category, suite and status hold one value per document; equipment may hold several.
internal sealed class FacetCollector : ICollector
{
    public const int MaxValuesPerFacet = 20;

    internal static readonly (string Name, string Field, bool MultiValued)[] Facets =
    [
        ("category", LuceneFields.FacetCategory, false),
        ("suite", LuceneFields.FacetSuite, false),
        ("status", LuceneFields.FacetStatus, false),
        ("equipment", LuceneFields.FacetEquipment, true),
    ];

    private readonly Dictionary<string, long>[] totals = Facets.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
    private readonly int[]?[] counts = new int[]?[Facets.Length];
    private SegmentFacets? segment;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        segment = SegmentFacets.For(context.AtomicReader);
        for (var i = 0; i < Facets.Length; i++)
        {
            var labels = segment.Labels[i].Length;
            counts[i] = labels > 0 ? new int[labels] : null;
        }
    }

    public void Collect(int doc)
    {
        var values = segment!;
        for (var i = 0; i < Facets.Length; i++)
        {
            if (counts[i] is not { } segmentCounts)
            {
                continue;
            }

            if (values.Single[i] is { } ords)
            {
                var ord = ords[doc];
                if (ord >= 0)
                {
                    segmentCounts[ord]++;
                }
            }
            else if (values.Multiple[i] is { } many)
            {
                for (var at = many.Starts[doc]; at < many.Starts[doc + 1]; at++)
                {
                    segmentCounts[many.Ords[at]]++;
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
        if (segment is null)
        {
            return;
        }

        for (var i = 0; i < Facets.Length; i++)
        {
            if (counts[i] is { } segmentCounts)
            {
                var labels = segment.Labels[i];
                for (var ord = 0; ord < segmentCounts.Length; ord++)
                {
                    if (segmentCounts[ord] > 0)
                    {
                        totals[i][labels[ord]] = totals[i].GetValueOrDefault(labels[ord]) + segmentCounts[ord];
                    }
                }
            }

            counts[i] = null;
        }

        segment = null;
    }
}

// One segment's facet values in memory: per document the ordinal of each single-valued facet
// (-1 for none) and the ordinals of the multi-valued one, with each ordinal's label. A segment
// never changes once written (deletions are applied by the search), so this is built once, on
// the segment's first search or when a merge makes it, and dropped with the segment.
internal sealed class SegmentFacets
{
    private static readonly ConditionalWeakTable<object, SegmentFacets> Cache = new();

    private SegmentFacets(int[]?[] single, MultipleOrds?[] multiple, string[][] labels)
    {
        Single = single;
        Multiple = multiple;
        Labels = labels;
    }

    public int[]?[] Single { get; }

    public MultipleOrds?[] Multiple { get; }

    public string[][] Labels { get; }

    public static SegmentFacets For(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => Read(reader));

    private static SegmentFacets Read(AtomicReader reader)
    {
        var facets = FacetCollector.Facets;
        var single = new int[]?[facets.Length];
        var multiple = new MultipleOrds?[facets.Length];
        var labels = new string[facets.Length][];
        var scratch = new BytesRef();
        for (var i = 0; i < facets.Length; i++)
        {
            labels[i] = [];
            if (facets[i].MultiValued)
            {
                if (reader.GetSortedSetDocValues(facets[i].Field) is not { ValueCount: > 0 } values)
                {
                    continue;
                }

                var starts = new int[reader.MaxDoc + 1];
                var ords = new List<int>(reader.MaxDoc);
                for (var doc = 0; doc < reader.MaxDoc; doc++)
                {
                    starts[doc] = ords.Count;
                    values.SetDocument(doc);
                    long ord;
                    while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                    {
                        ords.Add((int)ord);
                    }
                }

                starts[reader.MaxDoc] = ords.Count;
                multiple[i] = new MultipleOrds(starts, [.. ords]);
                labels[i] = new string[checked((int)values.ValueCount)];
                for (var ord = 0; ord < labels[i].Length; ord++)
                {
                    values.LookupOrd(ord, scratch);
                    labels[i][ord] = scratch.Utf8ToString();
                }
            }
            else
            {
                if (reader.GetSortedDocValues(facets[i].Field) is not { ValueCount: > 0 } values)
                {
                    continue;
                }

                var ords = new int[reader.MaxDoc];
                for (var doc = 0; doc < ords.Length; doc++)
                {
                    ords[doc] = values.GetOrd(doc);
                }

                single[i] = ords;
                labels[i] = new string[values.ValueCount];
                for (var ord = 0; ord < labels[i].Length; ord++)
                {
                    values.LookupOrd(ord, scratch);
                    labels[i][ord] = scratch.Utf8ToString();
                }
            }
        }

        return new SegmentFacets(single, multiple, labels);
    }

    public sealed record MultipleOrds(int[] Starts, int[] Ords);
}

// Reads a merged segment's facet values before it is searched, so no search pays for it.
internal sealed class FacetWarmer : IndexWriter.IndexReaderWarmer
{
    public override void Warm(AtomicReader reader) => SegmentFacets.For(reader);
}
