using Lucene.Net.Index;
using Lucene.Net.Search;

namespace TechSupport.Search.Lucene;

/// <summary>A query built from typed text, with the terms a snippet should mark.</summary>
internal sealed record TextQuery(Query Query, HighlightTerms Highlight);

/// <summary>How to choose words when typed text has more than a query should carry.</summary>
internal enum TermSelection
{
    /// <summary>The first distinct words, as a searcher typed them.</summary>
    First,

    /// <summary>The most informative words (frequent in the text, rare in the index), more-like-this style.</summary>
    MostInformative
}

/// <summary>
/// Builds a Lucene query from what a user typed, never by parsing it as query syntax: the text is
/// analysed and each word becomes a weighted disjunction over the text fields, joined by the
/// domain synonyms (as whole phrases), version numbers and codes on the exact field, the fault
/// number, and fuzzy matches for words the index does not hold (typos).
/// </summary>
internal sealed class TextQueryBuilder(LuceneAnalysis analysis)
{
    public const int MaxSearchTerms = 64;
    public const int MaxSuggestionTerms = 30;
    private const int MaxSynonymClauses = 32;
    private const int MaxExactTokens = 16;
    private const int MaxPhrasePairs = 16;

    private const float SynonymWeight = 0.8f;
    private const float FuzzyWeight = 0.6f;
    private const float ExactWeight = 3.0f;
    private const float NumberWeight = 25.0f;
    private const float PhraseWeight = 0.5f;
    private const float FieldTieBreaker = 0.2f;
    private const int FuzzyExpansions = 10;

    private static readonly string[] FuzzyFields =
        [LuceneFields.Title, LuceneFields.Text, LuceneFields.Fix, LuceneFields.Workaround, LuceneFields.RootCause];

    private static readonly string[] PhraseFields =
        [LuceneFields.Title, LuceneFields.Text, LuceneFields.Fix, LuceneFields.Workaround, LuceneFields.RootCause, LuceneFields.Comments];

    private readonly SynonymExpander synonyms = new(analysis.Synonyms);

    /// <summary>The query for the text, or null when it holds no searchable word (only punctuation or stop words).</summary>
    public TextQuery? Build(string text, IndexReader reader, TermSelection selection)
    {
        var tokens = analysis.Words(text);
        var highlight = new HighlightTerms();
        var query = new BooleanQuery();

        var selected = Select(tokens, reader, selection);
        foreach (var term in selected)
        {
            query.Add(AcrossFields(term, 1f), Occur.SHOULD);
            highlight.Add(term);

            if (FuzzyEdits(term, reader) is { } edits)
            {
                var fuzzy = new DisjunctionMaxQuery(FieldTieBreaker);
                foreach (var field in FuzzyFields)
                {
                    fuzzy.Add(new FuzzyQuery(new Term(field, term), edits, prefixLength: 1, FuzzyExpansions, transpositions: true)
                    {
                        Boost = Weight(field) * FuzzyWeight
                    });
                }

                query.Add(fuzzy, Occur.SHOULD);
                highlight.AddFuzzy(term, edits);
            }
        }

        AddPhrasePairs(query, tokens, selected);
        AddSynonyms(query, highlight, tokens, selected);
        AddExactTokens(query, highlight, text);

        return query.Clauses.Count == 0 ? null : new TextQuery(query, highlight);
    }

    /// <summary>
    /// A query for already analysed terms (a stored document's most telling words), weighted across
    /// the fields; a fifth of them (at least two) must match, so one shared common word is not enough.
    /// </summary>
    public static Query ForTerms(IReadOnlyCollection<string> terms)
    {
        var query = new BooleanQuery
        {
            MinimumNumberShouldMatch = Math.Min(terms.Count, Math.Max(2, (int)Math.Ceiling(terms.Count * 0.2)))
        };
        foreach (var term in terms)
        {
            query.Add(AcrossFields(term, 1f), Occur.SHOULD);
        }

        return query;
    }

    private static List<string> Select(IReadOnlyList<AnalysedToken> tokens, IndexReader reader, TermSelection selection)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var token in tokens)
        {
            if (token.Stop)
            {
                continue;
            }

            if (counts.TryGetValue(token.Term, out var count))
            {
                counts[token.Term] = count + 1;
            }
            else
            {
                counts[token.Term] = 1;
                order.Add(token.Term);
            }
        }

        if (selection == TermSelection.First)
        {
            return order.Count > MaxSearchTerms ? order[..MaxSearchTerms] : order;
        }

        if (order.Count <= MaxSuggestionTerms)
        {
            return order;
        }

        // tf·idf over title and symptoms, as MoreLikeThis weighs a document's terms.
        var documents = Math.Max(1, reader.NumDocs);
        return order
            .Select(term =>
            {
                var frequency = reader.DocFreq(new Term(LuceneFields.Text, term)) + reader.DocFreq(new Term(LuceneFields.Title, term));
                var idf = Math.Log(1 + ((documents - frequency + 0.5) / (frequency + 0.5)));
                return (Term: term, Weight: counts[term] * idf);
            })
            .OrderByDescending(t => t.Weight)
            .Take(MaxSuggestionTerms)
            .Select(t => t.Term)
            .ToList();
    }

    private static DisjunctionMaxQuery AcrossFields(string term, float weight)
    {
        var query = new DisjunctionMaxQuery(FieldTieBreaker);
        foreach (var (field, boost) in LuceneFields.Searched)
        {
            query.Add(new TermQuery(new Term(field, term)) { Boost = boost * weight });
        }

        return query;
    }

    /// <summary>
    /// Edits allowed for a fuzzy match, or null when the word needs none: only words no document
    /// holds are treated as typos, so a correctly spelt word never drags in its neighbours.
    /// Short words get one edit, longer ones two; numbers and codes none.
    /// </summary>
    private static int? FuzzyEdits(string term, IndexReader reader)
    {
        if (term.Length < 4 || !term.All(char.IsLetter))
        {
            return null;
        }

        foreach (var (field, _) in LuceneFields.Searched)
        {
            if (reader.DocFreq(new Term(field, term)) > 0)
            {
                return null;
            }
        }

        return term.Length <= 5 ? 1 : 2;
    }

    private static void AddPhrasePairs(BooleanQuery query, IReadOnlyList<AnalysedToken> tokens, List<string> selected)
    {
        // Neighbouring words found together ("dropped frames") outrank the same words apart.
        var wanted = selected.ToHashSet(StringComparer.Ordinal);
        var content = tokens.Where(t => !t.Stop).ToList();
        var pairs = 0;
        for (var i = 1; i < content.Count && pairs < MaxPhrasePairs; i++)
        {
            var (left, right) = (content[i - 1], content[i]);
            if (left.Term == right.Term || !wanted.Contains(left.Term) || !wanted.Contains(right.Term))
            {
                continue;
            }

            var phrase = new DisjunctionMaxQuery(FieldTieBreaker);
            foreach (var field in PhraseFields)
            {
                var pair = new PhraseQuery { Slop = 2, Boost = Weight(field) * PhraseWeight };
                pair.Add(new Term(field, left.Term), 0);
                pair.Add(new Term(field, right.Term), right.Position - left.Position);
                phrase.Add(pair);
            }

            query.Add(phrase, Occur.SHOULD);
            pairs++;
        }
    }

    private void AddSynonyms(BooleanQuery query, HighlightTerms highlight, IReadOnlyList<AnalysedToken> tokens, List<string> selected)
    {
        var wanted = selected.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clauses = 0;
        foreach (var match in synonyms.Find(tokens))
        {
            // Only synonyms of words the query kept, so the clause cap above also bounds these.
            var matched = Enumerable.Range(match.First, match.Last - match.First + 1).Select(i => tokens[i]);
            if (!matched.Any(t => !t.Stop && wanted.Contains(t.Term)))
            {
                continue;
            }

            foreach (var alternative in match.Alternatives)
            {
                if (clauses >= MaxSynonymClauses)
                {
                    return;
                }

                if (!seen.Add(string.Join(' ', alternative.Select(w => w.Term))) || alternative.All(w => wanted.Contains(w.Term)))
                {
                    continue;
                }

                query.Add(alternative.Count == 1 ? AcrossFields(alternative[0].Term, SynonymWeight) : Phrase(alternative), Occur.SHOULD);
                foreach (var word in alternative)
                {
                    highlight.Add(word.Term);
                }

                clauses++;
            }
        }
    }

    private static DisjunctionMaxQuery Phrase(IReadOnlyList<PhraseWord> words)
    {
        var query = new DisjunctionMaxQuery(FieldTieBreaker);
        foreach (var (field, boost) in LuceneFields.Searched)
        {
            var phrase = new PhraseQuery { Boost = boost * SynonymWeight };
            foreach (var word in words)
            {
                phrase.Add(new Term(field, word.Term), word.Position);
            }

            query.Add(phrase);
        }

        return query;
    }

    private void AddExactTokens(BooleanQuery query, HighlightTerms highlight, string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in analysis.ExactTokens(text))
        {
            if (seen.Count >= MaxExactTokens)
            {
                break;
            }

            if (!seen.Add(token.Term))
            {
                continue;
            }

            query.Add(new TermQuery(new Term(LuceneFields.Exact, token.Term)) { Boost = ExactWeight }, Occur.SHOULD);
            query.Add(new TermQuery(new Term(LuceneFields.Number, token.Term)) { Boost = NumberWeight }, Occur.SHOULD);
            highlight.Add(token.Term);
            if (ExactTokenFilter.IsVersion(token.Term))
            {
                highlight.AddVersion(token.Term);
            }
        }
    }

    private static float Weight(string field)
    {
        foreach (var (name, boost) in LuceneFields.Searched)
        {
            if (name == field)
            {
                return boost;
            }
        }

        return 1f;
    }
}
