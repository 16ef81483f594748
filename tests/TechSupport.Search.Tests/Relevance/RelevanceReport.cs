using System.Globalization;
using System.Text;

namespace TechSupport.Search.Tests.Relevance;

// The outcome of one run: the figures per mode and overall, and a plain-text report that names
// every query that was not answered perfectly, so a change in ranking can be read, not guessed.
public sealed class RelevanceReport
{
    private readonly RelevanceSet _set;

    public RelevanceReport(string engine, RelevanceSet set, IReadOnlyList<QueryOutcome> outcomes, long visibleCount)
    {
        _set = set;
        Engine = engine;
        Outcomes = outcomes;
        VisibleCount = visibleCount;
        Search = RelevanceMetrics.Of("search", [.. outcomes.Where(o => o.Query.Mode == RelevanceMode.Search)]);
        Suggest = RelevanceMetrics.Of("suggest", [.. outcomes.Where(o => o.Query.Mode == RelevanceMode.Suggest)]);
        Overall = RelevanceMetrics.Of("overall", outcomes.ToList());
        ByStyle = [.. RelevanceSet.Styles
            .Select(style => RelevanceMetrics.Of(style, [.. outcomes.Where(o => o.Query.Tags.Contains(style, StringComparer.Ordinal))]))
            .Where(m => m.Queries > 0)];
    }

    public string Engine { get; }

    public IReadOnlyList<QueryOutcome> Outcomes { get; }

    // How many fault documents the engine counted for the harness's caller once indexing settled.
    public long VisibleCount { get; }

    public RelevanceMetrics Search { get; }

    public RelevanceMetrics Suggest { get; }

    public RelevanceMetrics Overall { get; }

    // The same figures for the queries of each style, both modes together; a query may have several.
    public IReadOnlyList<RelevanceMetrics> ByStyle { get; }

    // How many the caller should see: every fault of the set but the Restricted ones.
    public long ExpectedVisibleCount => _set.Faults.Count(f => !f.IsRestricted);

    public IReadOnlyList<string> Leaks => [.. Outcomes.SelectMany(o => o.Leaks).Distinct(StringComparer.Ordinal)];

    public string Format()
    {
        var text = new StringBuilder();
        var restricted = _set.Faults.Count(f => f.IsRestricted);
        Line(text, $"Relevance of {Engine}: {_set.Faults.Count} faults ({restricted} Restricted, never to be seen), "
            + $"{Outcomes.Count} queries ({Search.Queries} search, {Suggest.Queries} suggest)");
        Line(text, $"The engine counts {VisibleCount} faults visible to the caller (a manager cleared for nothing); "
            + $"the set expects {ExpectedVisibleCount}.");
        text.Append('\n');
        AppendTable(text, "mode", [Search, Suggest, Overall]);
        text.Append('\n');
        AppendTable(text, "style", ByStyle);

        text.Append('\n');
        Line(text, $"Restricted faults returned: {(Leaks.Count == 0 ? "none" : string.Join(", ", Leaks))}");

        var misses = Outcomes.Where(o => !o.Perfect).ToList();
        text.Append('\n');
        Line(text, $"Misses (first answer not at rank 1, or not every answer in the top {QueryOutcome.RecallDepth}): {misses.Count}");
        foreach (var miss in misses)
        {
            text.Append('\n');
            AppendMiss(text, miss);
        }

        return text.ToString();
    }

    private static void AppendTable(StringBuilder text, string heading, IEnumerable<RelevanceMetrics> rows)
    {
        Line(text, $"{heading,-10} {"queries",7} {"MRR@10",7} {"recall@5",8} {"rank 1",6} {"top 10",6} {"near miss above",15}");
        foreach (var m in rows)
        {
            Line(text, string.Create(CultureInfo.InvariantCulture,
                $"{m.Scope,-10} {m.Queries,7} {m.MrrAt10,7:0.000} {m.RecallAt5,8:0.000} {m.FirstAtRankOne,6} {m.FoundInTop10,6} {m.NearMissInversions,15}"));
        }
    }

    private void AppendMiss(StringBuilder text, QueryOutcome miss)
    {
        var query = miss.Query;
        var components = query.Components.Count == 0
            ? ""
            : " with " + string.Join(", ", query.Components.Select(c => $"{c.Product} {c.Version}"));
        var tags = query.Tags.Count == 0 ? "" : $" ({string.Join(", ", query.Tags)})";
        Line(text, $"[{query.Id}] {query.Mode.ToString().ToLowerInvariant()}{tags} \"{query.Text}\"{components}");
        foreach (var key in query.Relevant)
        {
            var where = miss.RankOf(key) is { } rank ? $"rank {rank}" : $"not in the top {QueryOutcome.Depth}";
            Line(text, $"  expected {Describe(key)} ({where})");
        }

        if (miss.Ranked.Count == 0)
        {
            Line(text, "  got nothing");
        }

        foreach (var (key, i) in miss.Ranked.Take(3).Select((k, i) => (k, i)))
        {
            Line(text, $"  got {i + 1}. {Describe(key)}");
        }

        if (miss.NearMissesAbove.Count > 0)
        {
            Line(text, $"  near misses above the answer: {string.Join(", ", miss.NearMissesAbove)}");
        }
    }

    private string Describe(string key) =>
        _set.FaultsByKey.TryGetValue(key, out var fault) ? $"{key} {fault.Title}" : $"{key} (not a fault of the set)";

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
