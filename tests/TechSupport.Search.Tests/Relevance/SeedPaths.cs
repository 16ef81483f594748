namespace TechSupport.Search.Tests.Relevance;

// Where the test project's copies of seed/ files are. The project copies seed/relevance/** and
// seed/search/** under "seed"; depending on how the item's LinkBase resolves, a file lands in
// seed/<folder>/ or straight in seed/, so both are tried.
public static class SeedPaths
{
    public static string Relevance(string file) => Find("relevance", file);

    // The synonym list the Lucene adapter reads; it may not exist yet, and the engine decides what
    // a missing file means, so the expected path is returned either way.
    public static string Synonyms => Find("search", "synonyms.txt");

    private static string Find(string folder, string file)
    {
        var nested = Path.Combine(AppContext.BaseDirectory, "seed", folder, file);
        var flat = Path.Combine(AppContext.BaseDirectory, "seed", file);
        return File.Exists(nested) || !File.Exists(flat) ? nested : flat;
    }
}
