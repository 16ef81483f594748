// The Lucene adapter is written on another branch; this class compiles once that branch is merged
// and this guard is removed (or LUCENE_READY is defined).
#if LUCENE_READY
using TechSupport.Search.Lucene;
using Xunit.Abstractions;

namespace TechSupport.Search.Tests.Relevance;

public sealed class LuceneRelevanceTests(ITestOutputHelper output)
    : RelevanceTests((folder, synonyms) => new LuceneSearchIndex(folder, synonyms), output)
{
    protected override string Engine => "Lucene";
}
#endif
