using static TechSupport.Search.Tests.Relevance.RelevanceExamples;

namespace TechSupport.Search.Tests.Relevance;

// The formulas behind the figures, on hand-made rankings, so a figure can be trusted before any
// engine produces one.
public sealed class RelevanceScoringTests
{
    [Fact]
    public void A_right_answer_in_second_place_scores_a_half_and_the_near_miss_above_it_is_counted()
    {
        var set = RelevanceSet.From([Fault("a") with { NearMisses = ["b"] }, Fault("b"), Fault("c")], []);

        var outcome = QueryOutcome.Score(Query("a", "c"), ["b", "a", "d", "e", "f", "c"], set);

        Assert.Equal(2, outcome.FirstRelevantRank);
        Assert.Equal(0.5, outcome.ReciprocalRank);
        Assert.Equal(0.5, outcome.RecallAt5);
        Assert.Equal(["b"], outcome.NearMissesAbove);
        Assert.False(outcome.Perfect);
    }

    [Fact]
    public void No_right_answer_in_the_top_ten_scores_nothing_and_a_restricted_hit_is_a_leak()
    {
        var set = RelevanceSet.From([Fault("a"), Fault("secret", "Restricted")], []);
        var hits = Enumerable.Range(1, 10).Select(i => $"other-{i}").Prepend("secret").Append("a");

        var outcome = QueryOutcome.Score(Query("a"), hits, set);

        Assert.Null(outcome.FirstRelevantRank);
        Assert.Equal(0, outcome.ReciprocalRank);
        Assert.Equal(0, outcome.RecallAt5);
        Assert.Equal(QueryOutcome.Depth, outcome.Ranked.Count);
        Assert.Equal(["secret"], outcome.Leaks);
    }

    [Fact]
    public void Figures_average_over_the_queries_of_a_mode()
    {
        var set = RelevanceSet.From([Fault("a"), Fault("b")], []);
        var outcomes = new[]
        {
            QueryOutcome.Score(Query("a"), ["a"], set),
            QueryOutcome.Score(Query("b"), ["a", "x", "y", "b"], set),
        };

        var metrics = RelevanceMetrics.Of("search", outcomes);

        Assert.Equal((1 + 0.25) / 2, metrics.MrrAt10, precision: 10);
        Assert.Equal(1, metrics.RecallAt5);
        Assert.Equal(1, metrics.FirstAtRankOne);
        Assert.Equal(2, metrics.FoundInTop10);
    }

    [Fact]
    public void The_report_names_each_miss_with_what_was_expected_and_what_came_back()
    {
        var set = RelevanceSet.From([Fault("a"), Fault("b")], []);
        var outcomes = new[] { QueryOutcome.Score(Query("a") with { Text = "sdi black" }, ["b", "a"], set) };

        var text = new RelevanceReport("Test engine", set, outcomes, visibleCount: 2).Format();

        Assert.Matches(@"(?m)^search +1 +0\.500 +1\.000 ", text);
        Assert.Contains("[q] search (literal) \"sdi black\"", text, StringComparison.Ordinal);
        Assert.Contains("expected a Fault a (rank 2)", text, StringComparison.Ordinal);
        Assert.Contains("got 1. b Fault b", text, StringComparison.Ordinal);
    }
}
