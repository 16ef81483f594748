using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace TechSupport.Search.Lucene;

// How many documents the caller may see hold a word, counted only as far as asked, so what a query
// decides from the index's words (is this word a typo, which corrections are worth trying) never
// depends on documents the caller cannot see (S2): a word found only in Restricted faults reads as
// unknown to someone not cleared for them.
internal sealed class VisibleTerms(IndexReader reader, Filter visibility)
{
    private readonly Dictionary<object, IBits?> visible = [];

    // Counts up to atMost + 1, then stops: enough to tell "more than atMost".
    public int Count(IEnumerable<string> fields, string term, int atMost)
    {
        var bytes = new BytesRef(term);
        var count = 0;
        foreach (var leaf in reader.Leaves)
        {
            foreach (var field in fields)
            {
                var terms = leaf.AtomicReader.GetTerms(field)?.GetEnumerator();
                if (terms is null || !terms.SeekExact(bytes))
                {
                    continue;
                }

                var docs = terms.Docs(Visible(leaf), null, DocsFlags.NONE);
                while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    if (++count > atMost)
                    {
                        return count;
                    }
                }
            }
        }

        return count;
    }

    private IBits? Visible(AtomicReaderContext leaf)
    {
        var key = leaf.AtomicReader.CoreCacheKey;
        if (!visible.TryGetValue(key, out var bits))
        {
            // No bits means nothing is visible in this segment: an empty set, never "everything".
            bits = visibility.GetDocIdSet(leaf, leaf.AtomicReader.LiveDocs)?.Bits ?? new Bits.MatchNoBits(leaf.AtomicReader.MaxDoc);
            visible[key] = bits;
        }

        return bits;
    }
}
