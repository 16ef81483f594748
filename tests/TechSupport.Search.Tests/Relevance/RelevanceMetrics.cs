namespace TechSupport.Search.Tests.Relevance;

// The figures for a group of queries (one mode, or all of them).
public sealed record RelevanceMetrics(
    string Scope, int Queries, double MrrAt10, double RecallAt5, int FirstAtRankOne, int FoundInTop10, int NearMissInversions)
{
    public static RelevanceMetrics Of(string scope, IReadOnlyCollection<QueryOutcome> outcomes) => outcomes.Count == 0
        ? new RelevanceMetrics(scope, 0, 0, 0, 0, 0, 0)
        : new RelevanceMetrics(
            scope,
            outcomes.Count,
            outcomes.Average(o => o.ReciprocalRank),
            outcomes.Average(o => o.RecallAt5),
            outcomes.Count(o => o.FirstRelevantRank == 1),
            outcomes.Count(o => o.FirstRelevantRank is not null),
            outcomes.Count(o => o.NearMissesAbove.Count > 0));
}
