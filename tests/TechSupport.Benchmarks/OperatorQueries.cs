using System.Text.Json;
using TechSupport.Search;

namespace TechSupport.Benchmarks;

public sealed record TypedFault(string Text, IReadOnlyList<ComponentKey> Components);

// What operators type, taken from the relevance set (seed/relevance/queries.json) in the repository, so
// the timed queries are the realistic ones the relevance figures are measured on: search texts for the
// search page, and the suggestion texts with their suite's components for the log-fault page.
public sealed record OperatorQueries(IReadOnlyList<string> Searches, IReadOnlyList<TypedFault> Typed)
{
    private const string SolutionFile = "TechSupport.sln";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static async Task<OperatorQueries> LoadAsync(int searches, CancellationToken ct)
    {
        var file = Path.Combine(RepositoryFolder(), "seed", "relevance", "queries.json");
        await using var stream = File.OpenRead(file);
        var entries = await JsonSerializer.DeserializeAsync<List<Entry>>(stream, Json, ct)
            ?? throw new InvalidOperationException($"{file} holds no queries.");

        var texts = entries.Where(e => e.Mode == "search").Select(e => e.Text.Trim()).Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal).ToList();
        // Spread across the file rather than its first few, which cluster on the first faults' topics.
        var chosen = texts.Count <= searches
            ? texts
            : Enumerable.Range(0, searches).Select(i => texts[i * texts.Count / searches]).ToList();
        var typed = entries.Where(e => e.Mode == "suggest" && e.Text.Trim().Length > 0)
            .Select(e => new TypedFault(e.Text.Trim(), e.Components?.Select(c => new ComponentKey(c.Product, c.Version)).ToList() ?? []))
            .ToList();
        if (chosen.Count == 0 || typed.Count == 0)
        {
            throw new InvalidOperationException($"{file} has no search or no suggestion queries.");
        }

        return new OperatorQueries(chosen, typed);
    }

    // The text as an operator's keyboard delivers it to the log-fault page: every third character, then the whole.
    public static IEnumerable<string> Prefixes(string text, int step)
    {
        for (var length = step; length < text.Length; length += step)
        {
            yield return text[..length];
        }

        yield return text;
    }

    // The repository's own seed folder, not the copy in the build output, so an edited file is read as it stands.
    private static string RepositoryFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds {SolutionFile}.");
    }

    private sealed record Entry(string Mode, string Text, List<EntryComponent>? Components);

    private sealed record EntryComponent(string Product, string Version);
}
