namespace TechSupport.Benchmarks;

// Other developers build on this 2-core machine, so every figure is printed with the load it ran under.
public static class LoadAverage
{
    public static string Now()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 3 ? $"load average {fields[0]}, {fields[1]}, {fields[2]}" : "load average unknown";
        }
        catch (IOException)
        {
            return "load average unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "load average unknown";
        }
    }
}
