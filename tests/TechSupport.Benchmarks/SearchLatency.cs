using System.Diagnostics;
using TechSupport.Search;

namespace TechSupport.Benchmarks;

public sealed record LatencyResult(Samples App, Samples Raw, double AppMeanMatches, double RawMeanMatches);

// Search and suggestion latency through the app's search port (ISearchIndex, from the app's services),
// the same path the search endpoint and the log-fault page take below the mediator.
public sealed class SearchLatency(ISearchIndex index, SearchAccess access)
{
    private const int TypingStep = 3;

    // Rounds alternate which of app and raw goes first, so neither always runs on caches the other warmed.
    public async Task<LatencyResult> SearchAsync(IReadOnlyList<string> queries, RawLucene raw, int warmRounds, int rounds,
        CancellationToken ct)
    {
        var app = new Samples();
        var floor = new Samples();
        long appMatches = 0;
        long rawMatches = 0;
        for (var round = 0; round < warmRounds + rounds; round++)
        {
            var measured = round >= warmRounds;
            for (var pass = 0; pass < 2; pass++)
            {
                var appTurn = (round + pass) % 2 == 0;
                foreach (var text in queries)
                {
                    ct.ThrowIfCancellationRequested();
                    var started = Stopwatch.GetTimestamp();
                    var matches = appTurn
                        ? (await index.SearchAsync(new SearchQuery { Access = access, Text = text }, ct)).Total
                        : raw.Search(text);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (!measured)
                    {
                        continue;
                    }

                    (appTurn ? app : floor).Add(text, elapsed);
                    if (appTurn)
                    {
                        appMatches += matches;
                    }
                    else
                    {
                        rawMatches += matches;
                    }
                }
            }
        }

        return new LatencyResult(app, floor, app.Count > 0 ? (double)appMatches / app.Count : 0,
            floor.Count > 0 ? (double)rawMatches / floor.Count : 0);
    }

    // Each fault typed into the title as the log-fault page sends it, a request every third character.
    public async Task<Samples> TypingAsync(IReadOnlyList<TypedFault> faults, int warmRounds, int rounds, CancellationToken ct)
    {
        var samples = new Samples();
        for (var round = 0; round < warmRounds + rounds; round++)
        {
            foreach (var fault in faults)
            {
                foreach (var typed in OperatorQueries.Prefixes(fault.Text, TypingStep))
                {
                    var started = Stopwatch.GetTimestamp();
                    await index.SuggestAsync(new SuggestionQuery { Access = access, Title = typed, Components = fault.Components }, ct);
                    if (round >= warmRounds)
                    {
                        samples.Add(typed, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
            }
        }

        return samples;
    }
}
