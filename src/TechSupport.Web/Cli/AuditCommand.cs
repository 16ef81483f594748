using System.CommandLine;
using TechSupport.Application.Data;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Web.Cli;

public static class AuditCommand
{
    // S7 from the command line, for a cron job or an auditor at the server: exit 1 when the chain is broken.
    public static Command Verify(WebApplication app, TechSupportSettings settings)
    {
        var command = new Command("verify-audit", "Check the audit log's hash chain and name the first broken event.");
        command.SetAction((_, ct) => CommandLine.Run(app, async services =>
        {
            await DatabaseStartup.MigrateIfEmbeddedAsync(services, settings, ct);
            var result = await AuditChain.VerifyAsync(services.GetRequiredService<TechSupportDbContext>(), ct);
            if (!result.Valid)
            {
                throw new AuditBrokenException(
                    $"The audit log's chain is broken at event {result.FirstBrokenEventId} (of {result.Events:N0} events): "
                    + "that event, or the one before it, was altered or removed outside the app.");
            }

            Console.WriteLine($"The audit log's {result.Events:N0} events are intact: every one names the hash of the one before it.");
        }));
        return command;
    }
}

public sealed class AuditBrokenException(string message) : Exception(message);
