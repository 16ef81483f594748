using FluentValidation;
using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Import;

public enum ImportFormat
{
    Json,
    Ndjson,
    Csv
}

// The import record of DESIGN.md as it arrives: every value is text until the import checks it,
// so one bad value fails its row by name instead of the whole body.
public sealed record FaultImportRecord(
    string? ExternalRef = null,
    string? Title = null,
    string? Symptoms = null,
    string? Equipment = null,
    string? Category = null,
    string? WorkflowStage = null,
    string? Severity = null,
    string? Status = null,
    string? Suite = null,
    string? Production = null,
    string? RootCause = null,
    WorkaroundRecord? Workaround = null,
    string? Resolution = null,
    string? ReportedAt = null,
    string? ResolvedAt = null);

public sealed record WorkaroundRecord(string? Description = null, string? Acceptability = null);

// Line counts records from 1 (a CSV header is not a record).
public sealed record FaultImportRow(int Line, FaultImportRecord Record);

public sealed record ImportError(int Line, string Field, string Message);

public sealed record ImportResult(int Imported, int Updated, int Failed, IReadOnlyList<ImportError> Errors);

[RequiresRole(Role.Manager)]
public sealed record ImportFaults(
    ImportFormat Format,
    IReadOnlyList<FaultImportRow> Rows,
    IReadOnlyList<ImportError> ParseErrors) : ICommand<ImportResult>;

public sealed class ImportFaultsValidator : AbstractValidator<ImportFaults>
{
    public ImportFaultsValidator() =>
        RuleFor(x => x.Rows.Count + x.ParseErrors.Count).LessThanOrEqualTo(FaultImportReader.MaxRecords)
            .OverridePropertyName("body").WithMessage(FaultImportReader.TooManyRecords);
}

public sealed class ImportFaultsHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock, Application.Escalation.PolicyStore policies)
    : ICommandHandler<ImportFaults, ImportResult>
{
    public async ValueTask<ImportResult> Handle(ImportFaults command, CancellationToken cancellationToken)
    {
        var importer = new FaultImporter(db, clock, policies);
        return await importer.ImportAsync(command.Format, command.Rows, command.ParseErrors,
            new Importer(user.Actor, user.Viewer), cancellationToken);
    }
}
