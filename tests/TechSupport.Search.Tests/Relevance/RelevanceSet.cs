using System.Text.Json;
using System.Text.Json.Serialization;

namespace TechSupport.Search.Tests.Relevance;

// The faults and queries of seed/relevance, loaded strictly: a misspelt field or a missing
// required one fails the load instead of silently measuring something else.
public sealed class RelevanceSet
{
    private static readonly string[] Categories =
        ["Storage", "Network", "Software", "Hardware", "Signal", "Format", "Licensing", "Audio", "Colour", "Archive", "Os"];

    private static readonly string[] Classifications = ["Standard", "Confidential", "Restricted"];

    private static readonly string[] Statuses =
        ["New", "Acknowledged", "InProgress", "WorkaroundApplied", "Resolved", "Closed", "Reopened"];

    private static readonly string[] Acceptabilities = ["Acceptable", "AcceptableWithConditions", "Unacceptable"];

    public static IReadOnlyList<string> Styles { get; } =
        ["typo", "shorthand", "error", "version", "synonym", "paraphrase", "literal", "kit"];

    private RelevanceSet(IReadOnlyList<RelevanceFault> faults, IReadOnlyList<RelevanceQuery> queries)
    {
        Faults = faults;
        Queries = queries;
        FaultsByKey = faults.GroupBy(f => f.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public IReadOnlyList<RelevanceFault> Faults { get; }

    public IReadOnlyList<RelevanceQuery> Queries { get; }

    public IReadOnlyDictionary<string, RelevanceFault> FaultsByKey { get; }

    public static RelevanceSet From(IReadOnlyList<RelevanceFault> faults, IReadOnlyList<RelevanceQuery> queries) => new(faults, queries);

    public static async Task<RelevanceSet> LoadAsync(CancellationToken ct) =>
        await LoadAsync(SeedPaths.Relevance("faults.json"), SeedPaths.Relevance("queries.json"), ct);

    public static async Task<RelevanceSet> LoadAsync(string faultsFile, string queriesFile, CancellationToken ct)
    {
        var options = JsonOptions();
        var faults = await ReadAsync<RelevanceFault>(faultsFile, options, ct);
        var queries = await ReadAsync<RelevanceQuery>(queriesFile, options, ct);
        return new RelevanceSet(faults, queries);
    }

    // The near-miss links read both ways, whichever side of the pair the file names them on.
    public IReadOnlySet<string> NearMissesOf(string key)
    {
        var near = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fault in Faults)
        {
            if (fault.Key == key)
            {
                near.UnionWith(fault.NearMisses);
            }
            else if (fault.NearMisses.Contains(key, StringComparer.Ordinal))
            {
                near.Add(fault.Key);
            }
        }

        return near;
    }

    // Everything that would make a measurement meaningless, one sentence each.
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        problems.AddRange(Faults.GroupBy(f => f.Key, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"Fault key {g.Key} is used {g.Count()} times."));
        problems.AddRange(Queries.GroupBy(q => q.Id, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"Query id {g.Key} is used {g.Count()} times."));

        foreach (var fault in Faults)
        {
            problems.AddRange(ProblemsOf(fault));
        }

        foreach (var query in Queries)
        {
            problems.AddRange(ProblemsOf(query));
        }

        return problems;
    }

    private IEnumerable<string> ProblemsOf(RelevanceFault fault)
    {
        if (string.IsNullOrWhiteSpace(fault.Title) || string.IsNullOrWhiteSpace(fault.Symptoms))
        {
            yield return $"Fault {fault.Key} has no title or no symptoms.";
        }

        if (!Categories.Contains(fault.Category, StringComparer.Ordinal))
        {
            yield return $"Fault {fault.Key} has an unknown category '{fault.Category}'.";
        }

        if (!Statuses.Contains(fault.Status, StringComparer.Ordinal))
        {
            yield return $"Fault {fault.Key} has an unknown status '{fault.Status}'.";
        }

        if (!Classifications.Contains(fault.Classification, StringComparer.Ordinal))
        {
            yield return $"Fault {fault.Key} has an unknown classification '{fault.Classification}'.";
        }
        else if (fault.Classification != "Standard" && string.IsNullOrWhiteSpace(fault.Production))
        {
            yield return $"Fault {fault.Key} is {fault.Classification} but names no production to be cleared for.";
        }

        // Only a fault with a fix is suggested, so the fix must agree with the status.
        var closed = fault.Status is "Resolved" or "Closed";
        if (closed != fault.HasFix)
        {
            yield return $"Fault {fault.Key} is {fault.Status} but {(fault.HasFix ? "has" : "has no")} fix.";
        }

        if (fault.Workaround is { } workaround && !Acceptabilities.Contains(workaround.Acceptability, StringComparer.Ordinal))
        {
            yield return $"Fault {fault.Key} has an unknown workaround acceptability '{workaround.Acceptability}'.";
        }

        foreach (var near in fault.NearMisses)
        {
            if (near == fault.Key || !FaultsByKey.ContainsKey(near))
            {
                yield return $"Fault {fault.Key} names {near} as a near miss, which is itself or no fault in the set.";
            }
        }
    }

    private IEnumerable<string> ProblemsOf(RelevanceQuery query)
    {
        if (string.IsNullOrWhiteSpace(query.Text))
        {
            yield return $"Query {query.Id} has no text.";
        }

        if (query.Relevant.Count == 0)
        {
            yield return $"Query {query.Id} names no relevant fault, so it cannot be scored.";
        }

        if (query.Relevant.Distinct(StringComparer.Ordinal).Count() != query.Relevant.Count)
        {
            yield return $"Query {query.Id} names a relevant fault twice.";
        }

        if (query.Mode == RelevanceMode.Search && query.Components.Count > 0)
        {
            yield return $"Query {query.Id} is a search but has components, which only suggestions use.";
        }

        foreach (var tag in query.Tags.Where(t => !Styles.Contains(t, StringComparer.Ordinal)))
        {
            yield return $"Query {query.Id} has an unknown tag '{tag}'.";
        }

        if (query.Tags.Contains("kit", StringComparer.Ordinal) && (query.Mode != RelevanceMode.Suggest || query.Components.Count == 0))
        {
            yield return $"Query {query.Id} is tagged kit but is not a suggestion with components.";
        }

        foreach (var key in query.Relevant)
        {
            if (!FaultsByKey.TryGetValue(key, out var fault))
            {
                yield return $"Query {query.Id} names {key}, which is no fault in the set.";
            }
            else if (fault.IsRestricted)
            {
                yield return $"Query {query.Id} names {key}, which is Restricted and never visible to the harness's caller.";
            }
            else if (query.Mode == RelevanceMode.Suggest && !fault.HasFix)
            {
                yield return $"Query {query.Id} is a suggestion but names {key}, which has no fix and is never suggested.";
            }
        }
    }

    private static async Task<IReadOnlyList<T>> ReadAsync<T>(string file, JsonSerializerOptions options, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        return await JsonSerializer.DeserializeAsync<List<T>>(stream, options, ct)
            ?? throw new InvalidDataException($"{file} holds no array.");
    }

    private static JsonSerializerOptions JsonOptions() => new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };
}
