using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Pattern;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace TechSupport.Search.Lucene;

internal readonly record struct AnalysedToken(string Term, int Position, int StartOffset, int EndOffset, bool Stop);

// The analysers of the index: English text (possessives, lower case, stop words, Porter stems), the
// exact field for versions and codes, and the synonym map read from the data file. Thread-safe:
// Lucene analysers keep their token streams per thread.
internal sealed partial class LuceneAnalysis : IDisposable
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Longer input is cut before analysis; a query or a suggestion never needs more words than this holds.
    public const int MaxAnalysedChars = 8_000;

    private readonly Analyzer english;
    private readonly Analyzer marking;
    private readonly Analyzer exact;
    private readonly Dictionary<string, List<string[]>> phrasesByFirstWord;
    private readonly HashSet<string> phraseKeys;

    public LuceneAnalysis(string synonymsFile)
    {
        // The standard tokenizer keeps "title:render" or "error:disk" as one word (a colon joins
        // letters in Swedish); operators paste such text, so a colon always separates words here.
        var colons = new NormalizeCharMap.Builder();
        colons.Add(":", " ");
        var separateColons = colons.Build();
        TextReader SeparateColons(string field, TextReader reader) => new MappingCharFilter(separateColons, reader);

        english = Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream chain = new EnglishPossessiveFilter(Version, source);
            chain = new LowerCaseFilter(Version, chain);
            chain = new StopFilter(Version, chain, EnglishAnalyzer.DefaultStopSet);
            chain = new PorterStemFilter(chain);
            return new TokenStreamComponents(source, chain);
        }, SeparateColons);

        // Like the English chain, but stop words are kept and only marked (as keywords, so the
        // stemmer leaves them alone): synonym phrases such as "out of sync" then match on the words
        // a user typed, and the phrase built from them leaves a gap where the index dropped "of".
        marking = Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream chain = new EnglishPossessiveFilter(Version, source);
            chain = new LowerCaseFilter(Version, chain);
            chain = new SetKeywordMarkerFilter(chain, EnglishAnalyzer.DefaultStopSet);
            chain = new PorterStemFilter(chain);
            return new TokenStreamComponents(source, chain);
        }, SeparateColons);

        exact = Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new PatternTokenizer(reader, ExactPattern(), 0);
            TokenStream chain = new LowerCaseFilter(Version, source);
            chain = new ExactTokenFilter(chain);
            return new TokenStreamComponents(source, chain);
        });

        IndexAnalyzer = new PerFieldAnalyzerWrapper(english, new Dictionary<string, Analyzer> { [LuceneFields.Exact] = exact });
        Synonyms = LoadSynonyms(synonymsFile, marking);
        phrasesByFirstWord = LoadPhrases(synonymsFile, english);
        phraseKeys = phrasesByFirstWord.Values.SelectMany(list => list).Select(PhraseKey).ToHashSet(StringComparer.Ordinal);
        QueryStopWords = QueryOnlyStopWords.SelectMany(word => Analyse(marking, word, markStops: false)).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
    }

    // Function words a query or a more-like-this selection leaves out, beyond the stop words the
    // index drops: they match nearly every fault, cost time and carry nothing ("from", "after").
    // Kept in the index, so phrases and synonyms that contain them still match. Stemmed, as terms are.
    public IReadOnlySet<string> QueryStopWords { get; }

    public Analyzer IndexAnalyzer { get; }

    public Analyzer English => english;

    public SynonymMap Synonyms { get; }

    public IReadOnlyList<AnalysedToken> Words(string text) =>
        Analyse(marking, text, markStops: true).Select(t => t.Stop || !QueryStopWords.Contains(t.Term) ? t : t with { Stop = true }).ToList();

    public IReadOnlyList<AnalysedToken> IndexedWords(string text) => Analyse(english, text, markStops: false);

    public IReadOnlyList<AnalysedToken> ExactTokens(string text) => Analyse(exact, text, markStops: false);

    // The key a phrase of the synonym list is indexed under: its analysed words without stop words.
    public static string PhraseKey(IEnumerable<string> terms) => string.Join(' ', terms);

    // The synonym list's phrases ("dropped frames", "shared storage") that a text holds, each once,
    // by their keys: a search then finds a phrase's documents with one term lookup, not a phrase query.
    public IEnumerable<string> Phrases(string text)
    {
        var terms = IndexedWords(text).Select(t => t.Term).ToList();
        var found = new HashSet<string>(StringComparer.Ordinal);
        for (var first = 0; first < terms.Count; first++)
        {
            if (!phrasesByFirstWord.TryGetValue(terms[first], out var candidates))
            {
                continue;
            }

            foreach (var phrase in candidates)
            {
                if (first + phrase.Length <= terms.Count && phrase.Select((word, i) => terms[first + i] == word).All(same => same))
                {
                    found.Add(PhraseKey(phrase));
                }
            }
        }

        return found;
    }

    public bool IsPhrase(string key) => phraseKeys.Contains(key);

    public void Dispose()
    {
        IndexAnalyzer.Dispose();
        english.Dispose();
        marking.Dispose();
        exact.Dispose();
    }

    // Words such as "out", "up", "down", "off" and "over" are left in: "out of sync", "back up".
    private static readonly string[] QueryOnlyStopWords =
    [
        "about", "after", "again", "all", "also", "am", "any", "because", "been", "before", "being", "both", "can", "could",
        "did", "do", "does", "doing", "during", "each", "every", "few", "from", "had", "has", "have", "having", "he", "her",
        "here", "him", "his", "how", "i", "its", "just", "me", "more", "most", "my", "now", "once", "only", "other", "our",
        "same", "she", "should", "since", "so", "some", "than", "too", "us", "very", "we", "were", "what", "when", "where",
        "which", "while", "who", "whom", "why", "would", "you", "your", "please", "still", "keeps", "get", "gets", "got",
    ];

    private static List<AnalysedToken> Analyse(Analyzer analyzer, string text, bool markStops)
    {
        var tokens = new List<AnalysedToken>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return tokens;
        }

        var input = text.Length > MaxAnalysedChars ? text[..MaxAnalysedChars] : text;
        using var stream = analyzer.GetTokenStream("", input);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var keyword = stream.AddAttribute<IKeywordAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new AnalysedToken(term.ToString(), position, offset.StartOffset, offset.EndOffset, markStops && keyword.IsKeyword));
        }

        stream.End();
        return tokens;
    }

    // Every entry of the synonym list (Solr format: comma-separated, "=>" for one-way rules) that is
    // two or more words once analysed as the index analyses text.
    private static Dictionary<string, List<string[]>> LoadPhrases(string synonymsFile, Analyzer analyzer)
    {
        var phrases = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(synonymsFile))
        {
            var content = line.Split('#', 2)[0];
            foreach (var entry in content.Split([",", "=>"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var words = Analyse(analyzer, entry, markStops: false).Select(t => t.Term).ToArray();
                if (words.Length < 2)
                {
                    continue;
                }

                var list = phrases.TryGetValue(words[0], out var known) ? known : phrases[words[0]] = [];
                if (!list.Any(p => p.SequenceEqual(words)))
                {
                    list.Add(words);
                }
            }
        }

        return phrases;
    }

    private static SynonymMap LoadSynonyms(string synonymsFile, Analyzer analyzer)
    {
        if (!File.Exists(synonymsFile))
        {
            throw new FileNotFoundException($"The synonyms file {synonymsFile} does not exist.", synonymsFile);
        }

        var parser = new SolrSynonymParser(dedup: true, expand: true, analyzer);
        using (var reader = File.OpenText(synonymsFile))
        {
            parser.Parse(reader);
        }

        return parser.Build();
    }

    // A word with its inner dots, dashes and underscores ("19.1.2", "AAE-9173", "0x8007045d"), and a
    // leading minus on a number, as error codes are written ("-9173").
    [GeneratedRegex(@"(?<![\p{L}\p{N}])-(?=\p{N})[\p{N}]+|[\p{L}\p{N}]+(?:[._\-][\p{L}\p{N}]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex ExactPattern();
}
