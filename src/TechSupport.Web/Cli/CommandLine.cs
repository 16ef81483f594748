using System.CommandLine;
using FluentValidation;
using TechSupport.Application.Data;
using TechSupport.Application.Identity;
using TechSupport.Application.Seeding;
using TechSupport.Domain;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Web.Cli;

// The web app is also the command line: `dotnet run --project src/TechSupport.Web -- <command>`.
public static class CommandLine
{
    private static readonly string[] Verbs = ["migrate", "create-admin", "seed", "reindex", "verify-index", "import", "verify-audit"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, TechSupportSettings settings, string[] args)
    {
        var root = new RootCommand("TechSupport: the post-production technical-support desk.");

        var migrate = new Command("migrate", "Apply database migrations (SQLite or SQL Server, as configured).");
        migrate.SetAction((_, ct) => Run(app, async services =>
        {
            await DatabaseStartup.MigrateAsync(services.GetRequiredService<TechSupportDbContext>(), settings, ct);
            Console.WriteLine($"The {settings.Provider} database is up to date.");
        }));

        var email = new Option<string>("--email") { Description = "The administrator's email address.", Required = true };
        var password = new Option<string?>("--password") { Description = "The password; read from standard input when left out." };
        var name = new Option<string?>("--name") { Description = "The name shown to colleagues." };
        var createAdmin = new Command("create-admin", "Create an administrator account for a real installation.")
        {
            email, password, name,
        };
        createAdmin.SetAction((result, ct) => Run(app, async services =>
        {
            await DatabaseStartup.MigrateIfEmbeddedAsync(services, settings, ct);
            var secret = result.GetValue(password) ?? (await Console.In.ReadLineAsync(ct))?.Trim();
            if (string.IsNullOrEmpty(secret))
            {
                throw new ValidationException("Give a password with --password or on standard input.");
            }

            var address = result.GetValue(email)!; // Required = true
            var accounts = services.GetRequiredService<UserAccounts>();
            await accounts.CreateAsync(address, secret, result.GetValue(name) ?? address, Role.Admin);
            Console.WriteLine($"Created administrator {address}.");
        }));

        var faults = new Option<int>("--faults") { Description = "Append this many generated historical faults.", DefaultValueFactory = _ => 0 };
        var seedValue = new Option<int>("--seed") { Description = "Random seed, for repeatable data.", DefaultValueFactory = _ => 20261123 };
        var seed = new Command("seed", "Seed the demo facility into an empty database, or append generated faults.")
        {
            faults, seedValue,
        };
        seed.SetAction((result, ct) => Run(app, async services =>
        {
            await DatabaseStartup.MigrateIfEmbeddedAsync(services, settings, ct);
            var count = result.GetValue(faults);
            if (count < 0)
            {
                throw new ValidationException("--faults must be zero or more.");
            }

            var seeder = services.GetRequiredService<DemoSeeder>();
            Console.WriteLine(await seeder.SeedAsync(ct) ? "Seeded the demo facility." : "The facility exists already.");
            if (count > 0)
            {
                var added = await seeder.AppendFaultsAsync(count, result.GetValue(seedValue), ct);
                Console.WriteLine($"Appended {added} historical faults.");
            }
        }));

        root.Subcommands.Add(migrate);
        root.Subcommands.Add(createAdmin);
        root.Subcommands.Add(seed);
        root.Subcommands.Add(IndexCommands.Reindex(app, settings));
        root.Subcommands.Add(IndexCommands.VerifyIndex(app, settings));
        root.Subcommands.Add(ImportCommand.Create(app, settings));
        root.Subcommands.Add(AuditCommand.Verify(app, settings));
        return await root.Parse(args).InvokeAsync();
    }

    public static async Task<int> Run(WebApplication app, Func<IServiceProvider, Task> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await action(scope.ServiceProvider);
            return 0;
        }
        catch (ValidationException ex)
        {
            var messages = ex.Errors.Any() ? ex.Errors.Select(e => e.ErrorMessage) : [ex.Message];
            await Console.Error.WriteLineAsync(string.Join(" ", messages));
            return 1;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or DomainRuleException
            or IndexDriftException or AuditBrokenException or Search.SearchUnavailableException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
