using System.Globalization;

namespace TechSupport.Benchmarks;

public sealed record BenchmarkOptions(int Faults, int Concurrency, TimeSpan Limit, int Warmup, Uri? Url)
{
    public const string Usage =
        "Usage: dotnet run -c Release --project tests/TechSupport.Benchmarks -- [--faults N] [--concurrency C] " +
        "[--seconds S] [--warmup W] [--url http://127.0.0.1:PORT]";

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions(2_000, 8, TimeSpan.FromSeconds(60), 20, null);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--faults" => options with { Faults = Positive(name, value) },
                "--concurrency" => options with { Concurrency = Positive(name, value) },
                "--seconds" => options with { Limit = TimeSpan.FromSeconds(Positive(name, value)) },
                "--warmup" => options with { Warmup = NotNegative(name, value) },
                "--url" => options with { Url = Loopback(value) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        return options;
    }

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
