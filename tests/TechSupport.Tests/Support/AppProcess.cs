using System.Diagnostics;

namespace TechSupport.Tests.Support;

// Runs the built app as a real process, as an administrator would run its command line.
public static class AppProcess
{
    public static async Task<(int Exit, string Out, string Error)> RunAsync(string dataPath, string stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TechSupport.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TechSupport__DataPath"] = dataPath;
        start.Environment["TechSupport__Demo"] = "false";
        start.Environment["Identity__PasswordHashIterations"] = "1000";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!; // Process.Start with a file name never returns null
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
