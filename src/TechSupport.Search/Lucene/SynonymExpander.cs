using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Lucene.Net.Util.Fst;

namespace TechSupport.Search.Lucene;

// Stop words keep their place in a phrase: the index leaves a gap where it dropped them.
internal readonly record struct PhraseWord(string Term, int Position);

internal sealed record SynonymMatch(int First, int Last, IReadOnlyList<IReadOnlyList<PhraseWord>> Alternatives);

// Finds the synonym phrases in analysed query words by walking the SynonymMap's FST,
// as SynonymFilter does, but keeps each alternative as a whole phrase: the filter
// interleaves multi-word alternatives over the following positions ("storage area network" would
// lie across the words after "san"), which a query built from its tokens cannot take apart again.
internal sealed class SynonymExpander(SynonymMap map)
{
    public IReadOnlyList<SynonymMatch> Find(IReadOnlyList<AnalysedToken> tokens)
    {
        var matches = new List<SynonymMatch>();
        if (map.Fst is null || tokens.Count == 0)
        {
            return matches;
        }

        var fst = map.Fst;
        var reader = fst.GetBytesReader();
        var arc = new FST.Arc<BytesRef>();
        var outputs = fst.Outputs;
        var maxWords = Math.Max(1, map.MaxHorizontalContext);

        for (var first = 0; first < tokens.Count; first++)
        {
            fst.GetFirstArc(arc);
            var pending = outputs.NoOutput;
            for (var last = first; last < tokens.Count && last - first < maxWords; last++)
            {
                if (!Follow(fst, arc, reader, tokens[last].Term, ref pending))
                {
                    break;
                }

                if (arc.IsFinal)
                {
                    var output = outputs.Add(pending, arc.NextFinalOutput);
                    var alternatives = Decode(output, tokens, first, last);
                    if (alternatives.Count > 0)
                    {
                        matches.Add(new SynonymMatch(first, last, alternatives));
                    }
                }

                if (fst.FindTargetArc(SynonymMap.WORD_SEPARATOR, arc, arc, reader) is null)
                {
                    break;
                }

                pending = outputs.Add(pending, arc.Output);
            }
        }

        return matches;
    }

    private static bool Follow(FST<BytesRef> fst, FST.Arc<BytesRef> arc, FST.BytesReader reader, string term, ref BytesRef pending)
    {
        for (var i = 0; i < term.Length; i += char.IsSurrogatePair(term, i) ? 2 : 1)
        {
            if (fst.FindTargetArc(char.ConvertToUtf32(term, i), arc, arc, reader) is null)
            {
                return false;
            }

            pending = fst.Outputs.Add(pending, arc.Output);
        }

        return true;
    }

    private List<IReadOnlyList<PhraseWord>> Decode(BytesRef output, IReadOnlyList<AnalysedToken> tokens, int first, int last)
    {
        var matched = string.Join(SynonymMap.WORD_SEPARATOR, tokens.Skip(first).Take(last - first + 1).Select(t => t.Term));
        var input = new ByteArrayDataInput(output.Bytes, output.Offset, output.Length);
        var count = input.ReadVInt32() >> 1;
        var scratch = new BytesRef();
        var alternatives = new List<IReadOnlyList<PhraseWord>>(count);
        for (var i = 0; i < count; i++)
        {
            map.Words.Get(input.ReadVInt32(), scratch);
            var phrase = scratch.Utf8ToString();
            if (phrase == matched)
            {
                continue;
            }

            var words = phrase.Split(SynonymMap.WORD_SEPARATOR);
            var kept = new List<PhraseWord>(words.Length);
            for (var position = 0; position < words.Length; position++)
            {
                if (!EnglishAnalyzer.DefaultStopSet.Contains(words[position]))
                {
                    kept.Add(new PhraseWord(words[position], position));
                }
            }

            // "no video" without its stop word is just "video", which would match far too much.
            if (kept.Count > 1 || (kept.Count == 1 && words.Length == 1))
            {
                alternatives.Add(kept);
            }
        }

        return alternatives;
    }
}
