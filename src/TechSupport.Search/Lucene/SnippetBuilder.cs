using System.Text;
using Lucene.Net.Documents;

namespace TechSupport.Search.Lucene;

// Snippets on core Lucene: the stored text is analysed as it was indexed, the fragment of about
// 200 characters holding the most distinct matched terms is chosen, HTML-escaped, and the matched
// words wrapped in <mark>.
internal sealed class SnippetBuilder(LuceneAnalysis analysis)
{
    public const int Length = 200;

    // Context kept before the first match, so a fragment does not open on the marked word.
    private const int Lead = 40;

    public string For(Document stored, HighlightTerms? highlight)
    {
        if (highlight is not null && !highlight.IsEmpty)
        {
            (string Text, List<(int Start, int End)> Marks, int Score)? best = null;
            foreach (var field in LuceneFields.Snippeted)
            {
                var text = stored.Get(field);
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                var fragment = BestFragment(text, highlight);
                if (fragment is { } found && (best is null || found.Score > best.Value.Score))
                {
                    best = found;
                }
            }

            if (best is { } chosen)
            {
                return Render(chosen.Text, chosen.Marks);
            }
        }

        var start = stored.Get(LuceneFields.Text);
        if (string.IsNullOrWhiteSpace(start))
        {
            start = stored.Get(LuceneFields.Fix) ?? "";
        }

        return Render(start, []);
    }

    private (string Text, List<(int Start, int End)> Marks, int Score)? BestFragment(string text, HighlightTerms highlight)
    {
        var matches = analysis.IndexedWords(text)
            .Where(t => highlight.Matches(t.Term))
            .Select(t => (t.Term, t.StartOffset, t.EndOffset))
            .ToList();
        if (matches.Count == 0)
        {
            return null;
        }

        // A window slides over the matches: it opens at each match in turn and holds those that end
        // within the fragment. Distinct terms count most; repeats of one term break ties.
        var bestFirst = 0;
        var bestScore = -1;
        var inWindow = new Dictionary<string, int>(StringComparer.Ordinal);
        var last = 0;
        for (var first = 0; first < matches.Count; first++)
        {
            var limit = matches[first].StartOffset + Length - Lead;
            for (last = Math.Max(last, first); last < matches.Count && matches[last].EndOffset <= limit; last++)
            {
                inWindow[matches[last].Term] = inWindow.GetValueOrDefault(matches[last].Term) + 1;
            }

            var score = (inWindow.Count * 100) + (last - first);
            if (score > bestScore)
            {
                (bestFirst, bestScore) = (first, score);
            }

            if (last > first && --inWindow[matches[first].Term] == 0)
            {
                inWindow.Remove(matches[first].Term);
            }
        }

        var start = WordStartBefore(text, Math.Max(0, matches[bestFirst].StartOffset - Lead), matches[bestFirst].StartOffset);
        var end = WordEndBefore(text, Math.Min(text.Length, start + Length));
        var marks = matches
            .Where(m => m.StartOffset >= start && m.EndOffset <= end)
            .Select(m => (m.StartOffset, m.EndOffset))
            .ToList();
        var fragment = text[start..end];
        var shifted = marks.Select(m => (m.StartOffset - start, m.EndOffset - start)).ToList();
        var prefix = start > 0 ? "…" : "";
        var suffix = end < text.Length ? "…" : "";
        return (prefix + fragment + suffix, shifted.Select(m => (m.Item1 + prefix.Length, m.Item2 + prefix.Length)).ToList(), bestScore);
    }

    private static string Render(string text, List<(int Start, int End)> marks)
    {
        if (marks.Count == 0 && text.Length > Length)
        {
            text = text[..WordEndBefore(text, Length)] + "…";
        }

        var html = new StringBuilder(text.Length + (marks.Count * 13) + 16);
        var at = 0;
        foreach (var (start, end) in marks.OrderBy(m => m.Start))
        {
            if (start < at)
            {
                continue;
            }

            Escape(html, text.AsSpan(at, start - at));
            html.Append("<mark>");
            Escape(html, text.AsSpan(start, end - start));
            html.Append("</mark>");
            at = end;
        }

        Escape(html, text.AsSpan(at));
        return html.ToString();
    }

    private static void Escape(StringBuilder html, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '&': html.Append("&amp;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                case '\r' or '\n' or '\t': html.Append(' '); break;
                default: html.Append(c); break;
            }
        }
    }

    // The start of the word at or after `from`, but never past the first match.
    private static int WordStartBefore(string text, int from, int firstMatch)
    {
        if (from == 0)
        {
            return 0;
        }

        var space = text.IndexOf(' ', from, firstMatch - from);
        return space < 0 ? firstMatch : space + 1;
    }

    // Cut at the last space before `end` so no word is split, unless the text ends there.
    private static int WordEndBefore(string text, int end)
    {
        if (end >= text.Length)
        {
            return text.Length;
        }

        var space = text.LastIndexOf(' ', end - 1, Math.Min(end, Length / 2));
        return space <= 0 ? end : space;
    }
}
