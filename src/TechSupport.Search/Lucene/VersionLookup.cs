using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace TechSupport.Search.Lucene;

// Finds the stored version of keys in one searcher, reusing one terms enumerator per segment for a
// whole batch: opening them afresh per key cost more than indexing the documents.
internal sealed class VersionLookup
{
    private readonly List<Segment> segments = [];

    public VersionLookup(IndexSearcher searcher)
    {
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            if (reader.GetTerms(LuceneFields.Key) is not { } terms)
            {
                continue;
            }

            segments.Add(new Segment(
                terms.GetEnumerator(),
                reader.LiveDocs,
                reader.GetNumericDocValues(LuceneFields.Version),
                reader.GetNumericDocValues(LuceneFields.Tombstone)));
        }
    }

    public (long Version, bool Deleted)? Find(string key)
    {
        var term = new BytesRef(key);
        foreach (var segment in segments)
        {
            if (!segment.Terms.SeekExact(term))
            {
                continue;
            }

            segment.Docs = segment.Terms.Docs(segment.LiveDocs, segment.Docs, DocsFlags.NONE);
            var doc = segment.Docs.NextDoc();
            if (doc == DocIdSetIterator.NO_MORE_DOCS)
            {
                continue;
            }

            return (segment.Versions?.Get(doc) ?? 0, segment.Tombstones?.Get(doc) == 1);
        }

        return null;
    }

    private sealed class Segment(TermsEnum terms, IBits? liveDocs, NumericDocValues? versions, NumericDocValues? tombstones)
    {
        public TermsEnum Terms { get; } = terms;

        public IBits? LiveDocs { get; } = liveDocs;

        public NumericDocValues? Versions { get; } = versions;

        public NumericDocValues? Tombstones { get; } = tombstones;

        public DocsEnum? Docs { get; set; }
    }
}
