using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace TechSupport.Search.Lucene;

// What a caller may see (AccessFilter's rules) narrowed by exact-value filters, as one bit set per
// segment. The part of the rules that depends only on rank and clearances is computed once per
// segment and kept for as long as the segment lives, so a search tests visibility by a bit lookup
// and Lucene can apply it while scoring rather than stepping through a second query. The part
// that names the caller (E5: a security incident they reported) and the filters are added per search.
internal sealed class VisibilityFilter : Filter
{
    // Access signatures kept per segment; past this many, the segment's cache starts again.
    private const int MaxSignaturesPerSegment = 64;

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, FixedBitSet>> Cache = new();

    private readonly SearchAccess access;
    private readonly IReadOnlyList<Term> required;
    private readonly string signature;

    public VisibilityFilter(SearchAccess access, IReadOnlyList<Term>? required = null)
    {
        this.access = access;
        this.required = required ?? [];
        var cleared = access.ClearedProductionIds.Distinct().Order().Select(AccessFilter.ProductionValue);
        signature = $"{(access.ManagerRank ? "manager" : "staff")}|{string.Join(',', cleared)}";
    }

    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
    {
        var reader = context.AtomicReader;
        var shared = Shared(context);
        var own = !access.ManagerRank || required.Count > 0;
        if (!own)
        {
            return BitsFilteredDocIdSet.Wrap(shared, acceptDocs);
        }

        var bits = (FixedBitSet)shared.Clone();
        if (!access.ManagerRank)
        {
            OrReportedIncidents(reader, bits);
        }

        foreach (var term in required)
        {
            var matching = new FixedBitSet(reader.MaxDoc);
            var docs = reader.GetTermDocsEnum(term);
            if (docs is not null)
            {
                matching.Or(docs);
            }

            bits.And(matching);
        }

        return BitsFilteredDocIdSet.Wrap(bits, acceptDocs);
    }

    public override bool Equals(object? obj) =>
        obj is VisibilityFilter other && other.signature == signature && other.access.UserId == access.UserId
        && other.required.SequenceEqual(required);

    public override int GetHashCode() => HashCode.Combine(signature, access.UserId, required.Count);

    private FixedBitSet Shared(AtomicReaderContext context)
    {
        var perSegment = Cache.GetValue(context.AtomicReader.CoreCacheKey, _ => new ConcurrentDictionary<string, FixedBitSet>(StringComparer.Ordinal));
        if (perSegment.TryGetValue(signature, out var cached))
        {
            return cached;
        }

        if (perSegment.Count >= MaxSignaturesPerSegment)
        {
            perSegment.Clear();
        }

        return perSegment.GetOrAdd(signature, _ => Compute(context));
    }

    // Deleted documents are left in: the live-docs check is applied per search, as deletions change.
    private FixedBitSet Compute(AtomicReaderContext context)
    {
        var bits = new FixedBitSet(context.AtomicReader.MaxDoc);
        var set = new QueryWrapperFilter(AccessFilter.ForRankAndClearances(access)).GetDocIdSet(context, null);
        if (set?.GetIterator() is { } iterator)
        {
            bits.Or(iterator);
        }

        return bits;
    }

    private void OrReportedIncidents(AtomicReader reader, FixedBitSet bits)
    {
        var incidents = reader.GetTermDocsEnum(new Term(LuceneFields.Incident, LuceneFields.Yes));
        if (incidents is null)
        {
            return;
        }

        var reported = reader.GetTermDocsEnum(new Term(LuceneFields.Reporter, AccessFilter.ReporterValue(access.UserId)));
        if (reported is null)
        {
            return;
        }

        var mine = new FixedBitSet(reader.MaxDoc);
        mine.Or(reported);
        int doc;
        while ((doc = incidents.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
        {
            if (mine.Get(doc))
            {
                bits.Set(doc);
            }
        }
    }
}
