using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using TechSupport.Search;

namespace TechSupport.Benchmarks;

// Timings are printed, never asserted: numbers vary by machine, and CI does not run this.
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h"))
        {
            Console.WriteLine(BenchmarkOptions.Usage);
            return 0;
        }

        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}{Environment.NewLine}{BenchmarkOptions.Usage}");
            return 2;
        }

        using var cancel = new CancellationTokenSource(options.HardStop);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            await RunAsync(options, cancel.Token);
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or SqliteException
            or OperationCanceledException or SearchUnavailableException or IOException)
        {
            await Console.Error.WriteLineAsync($"The benchmark stopped: {ex.Message}");
            return 1;
        }
    }

    private static async Task RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        Console.WriteLine("TechSupport benchmark");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription} " +
            $"({RuntimeInformation.OSArchitecture}), {RuntimeInformation.FrameworkDescription}, " +
            $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC" +
            $"{(System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Batch ? "" : " (concurrent)")}; " +
            LoadAverage.Now());

        var scratch = Path.Combine(Path.GetTempPath(), "techsupport-benchmark", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            if (options.RunsLog)
            {
                await new LogScenario(options, scratch).RunAsync(ct);
            }

            if (options.RunsSearch)
            {
                await new SearchScenario(options, options.Data ?? Path.Combine(scratch, "search")).RunAsync(ct);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(scratch, recursive: true);
        }
    }
}
