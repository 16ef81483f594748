namespace TechSupport.Search.Lucene;

// The analysed terms a query matches on, for marking them in snippets: its own words, the words of
// the synonyms it brought in, its version numbers (a "19.1" query marks "19.1.2") and its fuzzy
// words (a "stuter" query marks "stutter").
internal sealed class HighlightTerms
{
    private readonly HashSet<string> terms = new(StringComparer.Ordinal);
    private readonly List<string> versions = [];
    private readonly List<(string Term, int MaxEdits)> fuzzy = [];
    private readonly List<string> prefixes = [];

    public bool IsEmpty => terms.Count == 0 && versions.Count == 0 && fuzzy.Count == 0 && prefixes.Count == 0;

    public void Add(string term) => terms.Add(term);

    public void AddVersion(string version) => versions.Add(version);

    public void AddFuzzy(string term, int maxEdits) => fuzzy.Add((term, maxEdits));

    public void AddPrefix(string prefix) => prefixes.Add(prefix);

    public bool Matches(string token)
    {
        if (terms.Contains(token))
        {
            return true;
        }

        foreach (var prefix in prefixes)
        {
            if (token.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var version in versions)
        {
            if (token.Length > version.Length && token.StartsWith(version, StringComparison.Ordinal) && token[version.Length] == '.')
            {
                return true;
            }
        }

        foreach (var (term, maxEdits) in fuzzy)
        {
            // The same first letter, as the fuzzy query's prefix demands.
            if (token.Length > 0 && token[0] == term[0] && Math.Abs(token.Length - term.Length) <= maxEdits
                && EditDistance.AtMost(token, term, maxEdits))
            {
                return true;
            }
        }

        return false;
    }
}

internal static class EditDistance
{
    public static bool AtMost(string a, string b, int limit)
    {
        var rows = a.Length + 1;
        var columns = b.Length + 1;
        var previousPrevious = new int[columns];
        var previous = new int[columns];
        var current = new int[columns];
        for (var j = 0; j < columns; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i < rows; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j < columns; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previousPrevious[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > limit)
            {
                return false;
            }

            (previousPrevious, previous, current) = (previous, current, previousPrevious);
        }

        return previous[columns - 1] <= limit;
    }
}
