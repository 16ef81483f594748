using Lucene.Net.Analysis.En;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace TechSupport.Search.Lucene;

// Ranking is the full query: each word weighed across the text fields, neighbouring words as
// phrases. Matching finds the same documents far more cheaply, on the one field holding all the
// text, so a search can count and facet every match with it and rank only the best few with Ranking.
// In Matching a word's synonyms and corrections simply add up (one flat disjunction, a third faster
// at a million faults than the best-of-each-idea nesting Ranking uses); on the relevance set the
// best ten of Matching, ranked again, still put every relevant fault in the top five.
internal sealed record TextQuery(Query Ranking, Query Matching, HighlightTerms Highlight);

internal enum TermSelection
{
    First,

    MostInformative
}

// Builds Lucene queries from what a user typed, never by parsing it as query syntax: the text is
// analysed and each word becomes a weighted disjunction over the text fields, joined by the
// domain synonyms (as whole phrases), version numbers and codes on the exact field, the fault
// number, and fuzzy matches for words the index does not hold (typos).
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
    private const float PrefixWeight = 0.5f;
    private const int MinPrefixLength = 3;
    private const int MaxPrefixLength = 5;
    private const float FieldTieBreaker = 0.2f;
    private const float SynonymTieBreaker = 0.1f;
    private const int FuzzyExpansions = 4;

    // Fuzzy and phrase queries cost far more than term queries, so they look only where the words
    // that matter are: typo corrections in title, symptoms and resolution; neighbouring words in
    // title and symptoms.
    private static readonly string[] FuzzyFields = [LuceneFields.Title, LuceneFields.Text, LuceneFields.Resolution];

    private static readonly string[] PairFields = [LuceneFields.Title, LuceneFields.Text];

    private static readonly string[] SearchedFields = LuceneFields.Searched.Select(f => f.Field).ToArray();

    private static readonly string[] AllField = [LuceneFields.All];

    private static readonly string[] SynonymPhraseFields = [LuceneFields.Title, LuceneFields.Text, LuceneFields.Resolution];

    private readonly SynonymExpander synonyms = new(analysis.Synonyms);

    // With stillTyping, the last word may be unfinished ("playb"): it also matches as a prefix.
    // Word statistics that steer the query (typos, corrections) count only what the caller may see.
    public TextQuery? Build(string text, IndexReader reader, TermSelection selection, Filter visibility, bool stillTyping = false)
    {
        var visible = new VisibleTerms(reader, visibility);
        var tokens = analysis.Words(text);
        var highlight = new HighlightTerms();
        var ranking = new BooleanQuery();
        var matching = new BooleanQuery();

        var selected = Select(tokens, reader, selection);
        var (wordSynonyms, phraseSynonyms) = Synonyms(tokens, selected, highlight);
        var unfinished = stillTyping ? Unfinished(text, tokens) : null;
        foreach (var term in selected)
        {
            highlight.Add(term);
            var neighbours = new List<Query>();
            var anywhere = new List<Query>();
            if (FuzzyEdits(term, reader, visible) is { } edits && Corrections(term, edits, reader, visible) is { Count: > 0 } corrections)
            {
                neighbours.Add(Corrected(corrections));
                anywhere.Add(CorrectedAnywhere(corrections));
                foreach (var (correction, _) in corrections)
                {
                    highlight.Add(correction);
                }
            }

            if (unfinished is { } word && word.Term == term)
            {
                neighbours.Add(Prefix(word.Typed));
                anywhere.Add(new PrefixQuery(new Term(LuceneFields.All, word.Typed)) { Boost = PrefixWeight });
                highlight.AddPrefix(word.Typed);
            }

            var synonymsOfWord = wordSynonyms.GetValueOrDefault(term) ?? [];
            ranking.Add(OneIdea(AcrossFields(term, 1f), synonymsOfWord.Select(s => Alternative(s, ranked: true)).Concat(neighbours)), Occur.SHOULD);
            foreach (var clause in synonymsOfWord.Select(s => Alternative(s, ranked: false)).Concat(anywhere).Prepend(Anywhere(term, 1f)))
            {
                matching.Add(clause, Occur.SHOULD);
            }
        }

        foreach (var (original, alternatives) in phraseSynonyms)
        {
            // "no signal" is just "signal" to the index, which the word's own clause already counts.
            var typed = original.Count > 1;
            ranking.Add(OneIdea(typed ? Phrase(original, 1f) : null, alternatives.Select(s => Alternative(s, ranked: true))), Occur.SHOULD);
            foreach (var clause in alternatives.Select(s => Alternative(s, ranked: false)).Concat(typed ? [PhraseAnywhere(original, 1f)] : []))
            {
                matching.Add(clause, Occur.SHOULD);
            }
        }

        AddPhrasePairs(ranking, tokens, selected);
        AddExactTokens(ranking, matching, highlight, text);

        return ranking.Clauses.Count == 0 ? null : new TextQuery(ranking, matching, highlight);
    }

    // A query for already analysed terms (a stored document's most telling words), weighted across
    // the fields; a fifth of them (at least two) must match, so one shared common word is not enough.
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

    // Edits allowed for a fuzzy match, or null when the word needs none. Only words the index does
    // not hold, or holds in a handful of documents (someone else's typo), are treated as typos, so a
    // correctly spelt word never drags in its neighbours and common words cost nothing extra.
    // One edit (a transposition counts one) up to seven letters, two from eight; numbers and codes
    // none. Measured on the seed faults, two edits from six letters found nothing more and cost
    // four times as much.
    private static int? FuzzyEdits(string term, IndexReader reader, VisibleTerms visible)
    {
        if (term.Length < 4 || !term.All(char.IsLetter))
        {
            return null;
        }

        var rare = Math.Max(2, reader.NumDocs / 50_000);
        return visible.Count(SearchedFields, term, rare) > rare ? null : term.Length < 8 ? 1 : 2;
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

            // Exact neighbours (the stop words between them leave their gaps): a sloppy phrase of two
            // common words costs more than the rest of the query.
            var phrase = new DisjunctionMaxQuery(FieldTieBreaker);
            foreach (var field in PairFields)
            {
                var pair = new PhraseQuery { Boost = Weight(field) * PhraseWeight };
                pair.Add(new Term(field, left.Term), 0);
                pair.Add(new Term(field, right.Term), right.Position - left.Position);
                phrase.Add(pair);
            }

            query.Add(phrase, Occur.SHOULD);
            pairs++;
        }
    }

    // The synonyms of the typed words: for a single word, keyed by its term; for a typed phrase
    // ("shared storage"), with the phrase as typed. Only synonyms of words the query kept, so the
    // cap on words also bounds these.
    private (Dictionary<string, List<IReadOnlyList<PhraseWord>>> Words, List<(IReadOnlyList<PhraseWord> Original, List<IReadOnlyList<PhraseWord>> Alternatives)> Phrases)
        Synonyms(IReadOnlyList<AnalysedToken> tokens, List<string> selected, HighlightTerms highlight)
    {
        var wanted = selected.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var words = new Dictionary<string, List<IReadOnlyList<PhraseWord>>>(StringComparer.Ordinal);
        var phrases = new List<(IReadOnlyList<PhraseWord>, List<IReadOnlyList<PhraseWord>>)>();
        var clauses = 0;
        foreach (var match in synonyms.Find(tokens))
        {
            var matched = tokens.Skip(match.First).Take(match.Last - match.First + 1).ToList();
            if (!matched.Any(t => !t.Stop && wanted.Contains(t.Term)))
            {
                continue;
            }

            var alternatives = new List<IReadOnlyList<PhraseWord>>();
            foreach (var alternative in match.Alternatives)
            {
                if (clauses >= MaxSynonymClauses)
                {
                    break;
                }

                if (!seen.Add(string.Join(' ', alternative.Select(w => w.Term))) || alternative.All(w => wanted.Contains(w.Term)))
                {
                    continue;
                }

                alternatives.Add(alternative);
                foreach (var word in alternative)
                {
                    highlight.Add(word.Term);
                }

                clauses++;
            }

            if (alternatives.Count == 0)
            {
                continue;
            }

            if (matched.Count == 1)
            {
                (words.TryGetValue(matched[0].Term, out var list) ? list : words[matched[0].Term] = []).AddRange(alternatives);
            }
            else
            {
                var original = matched
                    .Where(t => !EnglishAnalyzer.DefaultStopSet.Contains(t.Term))
                    .Select(t => new PhraseWord(t.Term, t.Position - matched[0].Position))
                    .ToList();
                phrases.Add((original, alternatives));
            }
        }

        return (words, phrases);
    }

    // One idea however it is worded: the best of the typed words, their synonyms and their fuzzy
    // neighbours, not their sum, so a fault saying "DaVinci Resolve" does not outscore one that
    // shares the query's rarer words, and a rare word is not counted again by its fuzzy match.
    private static Query OneIdea(Query? typed, IEnumerable<Query> alternatives)
    {
        var idea = new DisjunctionMaxQuery(SynonymTieBreaker);
        if (typed is not null)
        {
            idea.Add(typed);
        }

        foreach (var alternative in alternatives)
        {
            idea.Add(alternative);
        }

        return idea.Disjuncts.Count == 1 && typed is not null ? typed : idea;
    }

    private Query Alternative(IReadOnlyList<PhraseWord> words, bool ranked) => (words.Count, ranked) switch
    {
        (1, true) => AcrossFields(words[0].Term, SynonymWeight),
        (1, false) => Anywhere(words[0].Term, SynonymWeight),
        (_, true) => Phrase(words, SynonymWeight),
        _ => PhraseAnywhere(words, SynonymWeight),
    };

    // A phrase of the synonym list is one term of the "phrases" field; any other, a phrase query.
    private Query PhraseAnywhere(IReadOnlyList<PhraseWord> words, float weight)
    {
        var key = LuceneAnalysis.PhraseKey(words.Where(w => !EnglishAnalyzer.DefaultStopSet.Contains(w.Term)).Select(w => w.Term));
        if (analysis.IsPhrase(key))
        {
            return new TermQuery(new Term(LuceneFields.Phrases, key)) { Boost = weight };
        }

        var phrase = new PhraseQuery { Boost = weight };
        foreach (var word in words)
        {
            phrase.Add(new Term(LuceneFields.All, word.Term), word.Position);
        }

        return phrase;
    }

    private static TermQuery Anywhere(string term, float weight) => new(new Term(LuceneFields.All, term)) { Boost = weight };

    // The index's words within the allowed edits of a typo, best first, with their closeness as
    // weights: found once, on the field holding all the text, and looked up as plain terms after.
    private static List<(string Term, float Boost)> Corrections(string term, int edits, IndexReader reader, VisibleTerms visible)
    {
        var fuzzy = new FuzzyQuery(new Term(LuceneFields.All, term), edits, prefixLength: 1, FuzzyExpansions, transpositions: true);
        var corrections = new List<(string, float)>();
        if (fuzzy.Rewrite(reader) is BooleanQuery rewritten)
        {
            foreach (var clause in rewritten.Clauses)
            {
                if (clause.Query is TermQuery found && found.Term.Text != term && visible.Count(AllField, found.Term.Text, 0) > 0)
                {
                    corrections.Add((found.Term.Text, found.Boost));
                }
            }
        }

        return corrections;
    }

    private static DisjunctionMaxQuery Corrected(List<(string Term, float Boost)> corrections)
    {
        var query = new DisjunctionMaxQuery(FieldTieBreaker);
        foreach (var field in FuzzyFields)
        {
            var inField = new BooleanQuery(disableCoord: true);
            foreach (var (term, boost) in corrections)
            {
                inField.Add(new TermQuery(new Term(field, term)) { Boost = boost * Weight(field) * FuzzyWeight }, Occur.SHOULD);
            }

            query.Add(inField);
        }

        return query;
    }

    private static BooleanQuery CorrectedAnywhere(List<(string Term, float Boost)> corrections)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach (var (term, boost) in corrections)
        {
            query.Add(Anywhere(term, boost * FuzzyWeight), Occur.SHOULD);
        }

        return query;
    }

    // The start of the last word, lower-cased, when the text ends inside it. Neither the stem nor
    // all the typed letters make a usable prefix, as the index holds stems: "calibratio" is not a
    // prefix of "calibr" (calibration), nor "stutteri" of "stutter"; their first five letters are.
    private static (string Term, string Typed)? Unfinished(string text, IReadOnlyList<AnalysedToken> tokens)
    {
        if (tokens.Count == 0 || text.Length == 0 || !char.IsLetter(text[^1]))
        {
            return null;
        }

        var last = tokens[^1];
        if (last.Stop || last.EndOffset != text.Length)
        {
            return null;
        }

        var typed = text[last.StartOffset..last.EndOffset].ToLowerInvariant();
        return typed.Length >= MinPrefixLength && typed.All(char.IsLetter) ? (last.Term, typed[..Math.Min(typed.Length, MaxPrefixLength)]) : null;
    }

    private static DisjunctionMaxQuery Prefix(string typed)
    {
        var query = new DisjunctionMaxQuery(FieldTieBreaker);
        foreach (var field in PairFields)
        {
            query.Add(new PrefixQuery(new Term(field, typed)) { Boost = Weight(field) * PrefixWeight });
        }

        return query;
    }

    private static DisjunctionMaxQuery Phrase(IReadOnlyList<PhraseWord> words, float weight)
    {
        var query = new DisjunctionMaxQuery(FieldTieBreaker);
        foreach (var field in SynonymPhraseFields)
        {
            var phrase = new PhraseQuery { Boost = Weight(field) * weight };
            foreach (var word in words)
            {
                phrase.Add(new Term(field, word.Term), word.Position);
            }

            query.Add(phrase);
        }

        return query;
    }

    private void AddExactTokens(BooleanQuery ranking, BooleanQuery matching, HighlightTerms highlight, string text)
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

            foreach (var query in new[] { ranking, matching })
            {
                query.Add(new TermQuery(new Term(LuceneFields.Exact, token.Term)) { Boost = ExactWeight }, Occur.SHOULD);
                query.Add(new TermQuery(new Term(LuceneFields.Number, token.Term)) { Boost = NumberWeight }, Occur.SHOULD);
            }

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
