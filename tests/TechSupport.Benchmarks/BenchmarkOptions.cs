using System.Globalization;

namespace TechSupport.Benchmarks;

public enum Scenario
{
    Log,
    Search,
    All,
}

public sealed record BenchmarkOptions(
    Scenario Scenario,
    int? Faults,
    int Concurrency,
    TimeSpan Limit,
    int Warmup,
    Uri? Url,
    int Rounds,
    int WarmRounds,
    int Hits,
    int Seed,
    string? Data)
{
    public const int DefaultLogFaults = 2_000;
    public const int DefaultSearchFaults = 100_000;

    // The CLI's own default (`seed --seed`), so a run here and `seed --faults N` make the same faults.
    public const int DefaultSeed = 20261123;

    public const string Usage =
        """
        Usage: dotnet run -c Release --project tests/TechSupport.Benchmarks -- [--scenario log|search|all] [options]

          --scenario log     (the default) log faults over HTTP against the app on Kestrel, next to raw SQLite
          --scenario search  generate faults, index them, time search and suggestions next to raw Lucene, and
                             time a fault logged over HTTP to its first search hit
          --scenario all     log, then search

          --faults N         log: faults to log over HTTP (default 2,000);
                             search: faults to generate as `seed --faults N` does (default 100,000)
          --concurrency C    log: requests at once (default 8)
          --seconds S        log: time limit of the measured run (default 60)
          --warmup W         warm-up faults, not counted: log over HTTP, and before timing fault to first hit (default 20)
          --url URL          log: an app already running on this machine (http://127.0.0.1:PORT) instead of one in process
          --rounds R         search: measured rounds of the 50 search queries (default 10); the suggestion texts are
                             typed R/5 times (at least once), as each takes about ten calls
          --warm-rounds W    search: warm-up rounds of the search queries, not counted (default 2); suggestions
                             warm up with one round (none when W is 0)
          --hits K           search: faults logged over HTTP and awaited in search (default 50)
          --seed S           search: random seed of the generated faults (default 20261123)
          --data DIR         search: keep the generated data folder in DIR (it is deleted otherwise); when DIR
                             already holds a run's data with at least N faults, time search on it without
                             importing again
        """;

    public int LogFaults => Faults ?? DefaultLogFaults;

    public int SearchFaults => Faults ?? DefaultSearchFaults;

    public bool RunsLog => Scenario is Scenario.Log or Scenario.All;

    public bool RunsSearch => Scenario is Scenario.Search or Scenario.All;

    // A hard stop well past each scenario's expected time, in case the app stops answering. Generating and
    // indexing took about 7 ms a fault on this machine while others built; 20 allow for a busier one.
    public TimeSpan HardStop =>
        (RunsLog ? Limit * 2 + TimeSpan.FromMinutes(2) : TimeSpan.Zero)
        + (RunsSearch ? TimeSpan.FromMinutes(15) + TimeSpan.FromMilliseconds(20.0 * SearchFaults) : TimeSpan.Zero);

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions(Scenario.Log, null, 8, TimeSpan.FromSeconds(60), 20, null, 10, 2, 50, DefaultSeed, null);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--scenario" => options with { Scenario = ScenarioNamed(value) },
                "--faults" => options with { Faults = Positive(name, value) },
                "--concurrency" => options with { Concurrency = Positive(name, value) },
                "--seconds" => options with { Limit = TimeSpan.FromSeconds(Positive(name, value)) },
                "--warmup" => options with { Warmup = NotNegative(name, value) },
                "--url" => options with { Url = Loopback(value) },
                "--rounds" => options with { Rounds = Positive(name, value) },
                "--warm-rounds" => options with { WarmRounds = NotNegative(name, value) },
                "--hits" => options with { Hits = Positive(name, value) },
                "--seed" => options with { Seed = NotNegative(name, value) },
                "--data" => options with { Data = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        // The search scenario reads the app's index folder and database, so it needs the app in this process.
        if (options.Url is not null && options.RunsSearch)
        {
            throw new ArgumentException("--url applies to the log scenario only.");
        }

        if (options.Data is not null && !options.RunsSearch)
        {
            throw new ArgumentException("--data applies to the search scenario only.");
        }

        return options;
    }

    private static Scenario ScenarioNamed(string value) => value switch
    {
        "log" => Scenario.Log,
        "search" => Scenario.Search,
        "all" => Scenario.All,
        _ => throw new ArgumentException("--scenario must be log, search or all."),
    };

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a whole number above zero.");

    private static int NotNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} must be zero or a whole number above zero.");

    // The benchmark signs in with the demo password, so it only ever talks to this machine.
    private static Uri Loopback(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback
            ? uri
            : throw new ArgumentException("--url must be an http address on this machine, such as http://127.0.0.1:5080.");
}
