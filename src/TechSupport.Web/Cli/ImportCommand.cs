using System.CommandLine;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;
using TechSupport.Application.Features.Import;
using TechSupport.Application.Identity;
using TechSupport.Domain;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Web.Cli;

// `import FILE [--as EMAIL]`: an import on the server itself, trusted with every production, in the
// name of a manager or administrator. There is no signed-in user, so it calls FaultImporter directly
// instead of going through the pipeline's authorisation. Exit codes: 0 when every record landed; 2 when
// some records failed and the good ones landed (scripts can tell a partial import from a failed one);
// 1 when nothing could be imported.
public static class ImportCommand
{
    public const int SomeRecordsFailed = 2;

    private static readonly Dictionary<string, ImportFormat> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".json"] = ImportFormat.Json,
        [".ndjson"] = ImportFormat.Ndjson,
        [".jsonl"] = ImportFormat.Ndjson,
        [".csv"] = ImportFormat.Csv,
    };

    public static Command Create(WebApplication app, TechSupportSettings settings)
    {
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "A JSON array (.json), NDJSON (.ndjson, .jsonl) or CSV (.csv) file of import records.",
        };
        var importer = new Option<string?>("--as")
        {
            Description = "The e-mail of the manager or administrator the faults are imported in the name of; the first administrator when left out.",
            HelpName = "EMAIL",
        };
        var command = new Command("import", "Import the facility's historical faults; the same externalRef updates its fault.")
        {
            file, importer,
        };
        command.SetAction((result, ct) =>
            RunAsync(app, settings, result.GetValue(file)!, result.GetValue(importer), ct)); // an argument is always given
        return command;
    }

    private static async Task<int> RunAsync(WebApplication app, TechSupportSettings settings, FileInfo file, string? importerEmail,
        CancellationToken ct)
    {
        try
        {
            if (!Extensions.TryGetValue(file.Extension, out var format))
            {
                throw new ValidationException($"Give a .json, .ndjson, .jsonl or .csv file; the format of {file.Name} is not known.");
            }

            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            await DatabaseStartup.MigrateIfEmbeddedAsync(services, settings, ct);
            var db = services.GetRequiredService<TechSupportDbContext>();
            var actor = importerEmail is null
                ? await FirstAdministratorAsync(db, ct)
                : await ManagerOrAdministratorAsync(services.GetRequiredService<UserManager<AppUser>>(), db, importerEmail, ct);
            FaultImportBatch batch;
            await using (var stream = file.OpenRead())
            {
                batch = await FaultImportReader.ReadAsync(stream, format, ct);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var importer = ActivatorUtilities.CreateInstance<FaultImporter>(services);
            var result = await importer.ImportAsync(format, batch.Rows, batch.Errors, Importer.Trusted(actor), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);

            Console.WriteLine($"Imported {result.Imported}, updated {result.Updated}, failed {result.Failed}");
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync($"line {error.Line}, field {error.Field}: {error.Message}");
            }

            return result.Failed == 0 ? 0 : SomeRecordsFailed;
        }
        catch (ValidationException ex)
        {
            var messages = ex.Errors.Any() ? ex.Errors.Select(e => e.ErrorMessage) : [ex.Message];
            await Console.Error.WriteLineAsync(string.Join(" ", messages));
            return 1;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException
            or DbUpdateException or DomainRuleException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    // Fault.Import records the importer as the reporter, and a reporter must be a user account, so
    // without --as the command line imports in the name of the first active administrator (the one
    // create-admin made), and says so.
    private static async Task<Actor> FirstAdministratorAsync(TechSupportDbContext db, CancellationToken ct)
    {
        var admin = await db.Users.AsNoTracking()
            .Where(u => u.DeactivatedAt == null && db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == nameof(Role.Admin))))
            .OrderBy(u => u.CreatedAt)
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("There is no active administrator to import in the name of; run create-admin first.");
        Console.WriteLine($"Importing in the name of {admin.DisplayName} <{admin.Email}>, the first administrator; name another with --as EMAIL.");
        return new Actor(admin.Id, admin.DisplayName);
    }

    // Importing is a Manager's or Admin's right on the API too, so only they may be named.
    private static async Task<Actor> ManagerOrAdministratorAsync(UserManager<AppUser> users, TechSupportDbContext db, string email,
        CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        var access = user is null ? null : await db.AccessAsync(user.Id, ct);
        if (access is not { Active: true } || !access.Viewer.HasManagerRank)
        {
            throw new ValidationException($"No manager or administrator has the e-mail {email}.");
        }

        Console.WriteLine($"Importing in the name of {access.DisplayName} <{access.Email}>.");
        return new Actor(access.Id, access.DisplayName);
    }
}
