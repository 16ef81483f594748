using TechSupport.Search.Lucene;
using Xunit.Abstractions;

namespace TechSupport.Search.Tests.Relevance;

public sealed class LuceneRelevanceTests(ITestOutputHelper output)
    : RelevanceTests((folder, synonyms) => new LuceneSearchIndex(folder, synonyms), output)
{
    protected override string Engine => "Lucene";
}
