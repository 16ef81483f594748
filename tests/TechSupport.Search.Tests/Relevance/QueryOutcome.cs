namespace TechSupport.Search.Tests.Relevance;

// How one query fared: what came back (as the set's fault keys, best first) and its scores.
public sealed record QueryOutcome
{
    public const int Depth = 10;
    public const int RecallDepth = 5;

    public required RelevanceQuery Query { get; init; }

    // Fault keys of the hits, best first, at most Depth; a hit that is no fault of the set keeps its document key.
    public required IReadOnlyList<string> Ranked { get; init; }

    // The 1-based rank of the first right answer within Depth, or null when none came back.
    public int? FirstRelevantRank { get; init; }

    public double ReciprocalRank => FirstRelevantRank is { } rank ? 1.0 / rank : 0;

    public double RecallAt5 { get; init; }

    // Near misses of the right answers that ranked above the first right answer (or came back when it did not).
    public IReadOnlyList<string> NearMissesAbove { get; init; } = [];

    // Restricted faults that came back to a caller cleared for nothing (S2 says never).
    public IReadOnlyList<string> Leaks { get; init; } = [];

    public bool Perfect => FirstRelevantRank == 1 && RecallAt5 >= 1;

    // The 1-based rank of a fault among the hits, or null when it did not come back.
    public int? RankOf(string key)
    {
        for (var i = 0; i < Ranked.Count; i++)
        {
            if (Ranked[i] == key)
            {
                return i + 1;
            }
        }

        return null;
    }

    public static QueryOutcome Score(RelevanceQuery query, IEnumerable<string> hitFaultKeys, RelevanceSet set)
    {
        var ranked = hitFaultKeys.Distinct(StringComparer.Ordinal).Take(Depth).ToList();
        var relevant = query.Relevant.ToHashSet(StringComparer.Ordinal);

        var firstIndex = ranked.FindIndex(relevant.Contains);
        var foundInRecallDepth = ranked.Take(RecallDepth).Count(relevant.Contains);

        var nearMisses = query.Relevant.SelectMany(set.NearMissesOf).Where(k => !relevant.Contains(k)).ToHashSet(StringComparer.Ordinal);
        var above = firstIndex < 0 ? ranked : ranked.Take(firstIndex);

        return new QueryOutcome
        {
            Query = query,
            Ranked = ranked,
            FirstRelevantRank = firstIndex < 0 ? null : firstIndex + 1,
            RecallAt5 = relevant.Count == 0 ? 0 : (double)foundInRecallDepth / relevant.Count,
            NearMissesAbove = [.. above.Where(nearMisses.Contains)],
            Leaks = [.. ranked.Where(k => set.FaultsByKey.TryGetValue(k, out var fault) && fault.IsRestricted)],
        };
    }
}
