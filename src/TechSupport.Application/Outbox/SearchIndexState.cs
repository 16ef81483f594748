using System.Globalization;

namespace TechSupport.Application.Outbox;

// What the app knows of its search index beyond what the engine says of itself, at one moment.
// Replacing: a rebuild is making a new index because the old one cannot answer for everything (lost,
// damaged, empty); an upgrade rebuild (an older version wrote the index) leaves it answering.
public sealed record SearchIndexState(
    DateTimeOffset? FailingSince,
    string? Failure,
    bool Rebuilding,
    bool Replacing,
    long Done,
    long Total,
    int Parked,
    string? ParkedError)
{
    // Search answers from the database while the index is missing changes or is being replaced,
    // marked degraded, so a fault logged meanwhile is still found.
    public bool AnswersFromDatabase => FailingSince is not null || (Rebuilding && Replacing);

    public bool Degraded => AnswersFromDatabase || Parked > 0;

    // The problems in plain sentences, for /health/ready; empty when there are none. The failure's own
    // sentence is left out when the engine says it already.
    public IReadOnlyList<string> Problems(string? saidAlready = null)
    {
        var problems = new List<string>();
        if (FailingSince is { } since)
        {
            var why = Failure is null || Failure == saidAlready ? "" : " " + Failure;
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"Writes to the search index have failed since {since:yyyy-MM-dd HH:mm:ss} UTC and are retried; search answers from the database meanwhile.{why}"));
        }

        if (Rebuilding)
        {
            var meanwhile = Replacing ? "search answers from the database meanwhile" : "it answers as it was meanwhile";
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"The search index is being rebuilt from the database (rebuilding: {Done} of {Total}); {meanwhile}."));
        }

        if (Parked > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Parked} {(Parked == 1 ? "change was" : "changes were")} refused by the search index {OutboxDispatcher.ParkAfter} times and set aside; fix the cause and run reindex. The last refusal: {ParkedError}"));
        }

        return problems;
    }
}
