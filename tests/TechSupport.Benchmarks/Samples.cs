namespace TechSupport.Benchmarks;

// Latencies in milliseconds, kept per text as well, so a report can name the texts that cost most.
public sealed class Samples
{
    private readonly List<double> _all = [];
    private readonly Dictionary<string, List<double>> _byText = new(StringComparer.Ordinal);

    public int Count => _all.Count;

    // Elapsed is the time spent in these calls only, without warm-up or anything measured beside them.
    public Throughput Throughput => new(_all.Count, 0, TimeSpan.FromMilliseconds(_all.Sum()), _all);

    public void Add(string text, double milliseconds)
    {
        _all.Add(milliseconds);
        if (!_byText.TryGetValue(text, out var mine))
        {
            _byText[text] = mine = [];
        }

        mine.Add(milliseconds);
    }

    public double Percentile(double p) => Throughput.Percentile(p);

    public double Median(string text) =>
        _byText.TryGetValue(text, out var mine) ? new Throughput(mine.Count, 0, TimeSpan.Zero, mine).Percentile(50) : double.NaN;

    // The texts whose median is highest: the ones worth a profiler's time.
    public IReadOnlyList<(string Text, double Median)> Slowest(int count) =>
        _byText.Keys.Select(t => (Text: t, Median: Median(t))).OrderByDescending(t => t.Median).Take(count).ToList();
}
