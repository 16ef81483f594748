namespace TechSupport.Search.Lucene;

// The analysed terms a query matches on, for marking them in snippets: its own words, the words of
// the synonyms it brought in, its version numbers (a "19.1" query marks "19.1.2"), the index's
// words it took a typo for (a "stuter" query marks "stutter") and an unfinished word's start.
internal sealed class HighlightTerms
{
    private readonly HashSet<string> terms = new(StringComparer.Ordinal);
    private readonly List<string> versions = [];
    private readonly List<string> prefixes = [];

    public bool IsEmpty => terms.Count == 0 && versions.Count == 0 && prefixes.Count == 0;

    public void Add(string term) => terms.Add(term);

    public void AddVersion(string version) => versions.Add(version);

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

        return false;
    }
}
