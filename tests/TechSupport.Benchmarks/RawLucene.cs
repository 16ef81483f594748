using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using FSDirectory = Lucene.Net.Store.FSDirectory;

namespace TechSupport.Benchmarks;

// The floor under the app's search: plain Lucene.NET on the app's own index folder (the same documents,
// segments and disk cache), one BooleanQuery of TermQuery on the analysed symptoms field, the first page
// of 25 with their stored fields; no synonyms, fuzziness, facets, snippets or security filter.
public sealed class RawLucene : IDisposable
{
    public const int PageSize = 25;

    // The adapter's field and file names are internal to it; these are the values it writes.
    private const string TextField = "text";
    private const string PointerFile = "live-generation";

    private readonly FSDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Analyzer _analyzer = new EnglishAnalyzer(LuceneVersion.LUCENE_48);

    private RawLucene(FSDirectory directory)
    {
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        // BM25, as the app ranks; Lucene's default would be classic TF-IDF.
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    public int Documents => _reader.NumDocs;

    public int Segments => _reader.Leaves.Count;

    // Opens the generation the app's pointer file names, read-only beside the app's own writer.
    public static RawLucene Open(string indexFolder)
    {
        var generation = File.ReadAllText(Path.Combine(indexFolder, PointerFile)).Trim();
        return new RawLucene(FSDirectory.Open(Path.Combine(indexFolder, generation)));
    }

    // Answers how many documents matched.
    public int Search(string text)
    {
        var query = new BooleanQuery();
        foreach (var term in Terms(text))
        {
            query.Add(new TermQuery(new Term(TextField, term)), Occur.SHOULD);
        }

        var top = _searcher.Search(query, PageSize);
        foreach (var hit in top.ScoreDocs)
        {
            _ = _searcher.Doc(hit.Doc);
        }

        return top.TotalHits;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    // The English chain the app indexes with: standard tokens, possessives, lower case, stop words, Porter stems.
    private HashSet<string> Terms(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        using var stream = _analyzer.GetTokenStream(TextField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }
}
