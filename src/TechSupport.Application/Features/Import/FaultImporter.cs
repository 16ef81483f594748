using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;
using TechSupport.Application.Data.Configurations;
using TechSupport.Application.Seeding;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Import;

// The core of an import, shared by the ImportFaults handler (through the pipeline, as the signed-in
// Manager or Admin) and the `import` command (the trusted command line, which has no signed-in user).
// It checks every row, then imports or updates the good ones; it does not save: the caller's
// transaction does, so the counter update that reserves the new faults' numbers commits or rolls
// back with them.
public sealed class FaultImporter(TechSupportDbContext db, TimeProvider clock, Application.Escalation.PolicyStore policies)
{
    // One message for every externalRef that cannot be used, so a fault the importer may not see
    // reads exactly like a bad value (S3).
    public const string UnusableExternalRef =
        "Give the fault's reference in the old system (at most 100 characters); this one cannot be imported.";

    public const string RefusedAction = "ImportRefused";

    // FaultConfiguration maps EquipmentText to 500 characters.
    private const int EquipmentLength = 500;

    // Keeps each lookup's list of references well inside every provider's parameter limit.
    private const int LookupChunk = 1_000;

    public async Task<ImportResult> ImportAsync(ImportFormat format, IReadOnlyList<FaultImportRow> rows,
        IReadOnlyList<ImportError> parseErrors, Importer importer, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var policy = await policies.CurrentAsync(db, ct);
        var errors = new List<ImportError>(parseErrors);
        var names = await NamesAsync(importer.Viewer, ct);
        var good = new List<Checked>(rows.Count);
        foreach (var row in rows)
        {
            if (new RowCheck(row, format, names, now, errors).Run() is { } ok)
            {
                good.Add(ok);
            }
        }

        var existing = await ExistingAsync(good.Select(c => c.Record.ExternalRef).Distinct(StringComparer.Ordinal), ct);
        var canSee = importer.Viewer is { } viewer ? AccessPolicy.FaultsVisibleTo(viewer).Compile() : _ => true;
        var admitted = new List<Checked>(good.Count);
        foreach (var row in good)
        {
            if (existing.TryGetValue(row.Record.ExternalRef, out var fault) && !canSee(fault))
            {
                // The answer cannot look like a fresh import (that would make a second fault under one
                // reference), so it reads like a bad value, and the attempt is left in the audit log
                // where managers see someone probing references.
                db.QueueAuditEvent(RefusedAction, nameof(Fault), fault.Id.ToString(),
                    System.Text.Json.JsonSerializer.Serialize(new { externalRef = row.Record.ExternalRef, line = row.Line }));
                errors.Add(new ImportError(row.Line, "externalRef", UnusableExternalRef));
                continue;
            }

            admitted.Add(row);
        }

        var fresh = admitted.Select(r => r.Record.ExternalRef).Where(r => !existing.ContainsKey(r))
            .Distinct(StringComparer.Ordinal).Count();
        // One counter update reserves every new fault's number, however many rows there are.
        var next = fresh > 0 ? await db.ReserveFaultNumbersAsync(fresh, ct) : 0;
        int imported = 0, updated = 0;
        // A new fault is whole before it is added, so detecting changes on every Add finds nothing and
        // grows with the batch; the save still detects what the re-imports changed.
        var detectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var row in admitted)
            {
                // A reference seen earlier in the same file is in `existing` by now: the later row updates it.
                if (existing.TryGetValue(row.Record.ExternalRef, out var fault))
                {
                    try
                    {
                        fault.Reimport(row.ReportedAtGiven ? row.Record : row.Record with { ReportedAt = fault.CreatedAt },
                            importer.Actor, policy, now);
                        updated++;
                    }
                    catch (DomainRuleException refused)
                    {
                        errors.Add(new ImportError(row.Line, "production", refused.Message));
                    }
                }
                else
                {
                    fault = Fault.Import(row.Record, next++, importer.Actor, policy, now);
                    db.Faults.Add(fault);
                    existing[row.Record.ExternalRef] = fault;
                    imported++;
                }
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detectChanges;
        }

        var failed = errors.Select(e => e.Line).Distinct().Count();
        return new ImportResult(imported, updated, failed, [.. errors.OrderBy(e => e.Line)]);
    }

    private async Task<Names> NamesAsync(Viewer? viewer, CancellationToken ct)
    {
        var suites = await db.Suites.ToListAsync(ct);
        var productions = viewer is null
            ? await db.Productions.ToListAsync(ct)
            : await db.Productions.Where(AccessPolicy.ProductionsVisibleTo(viewer)).ToListAsync(ct);
        return new Names(new ByName<Suite>(suites, s => s.Name), new ByName<Production>(productions, p => p.Name));
    }

    private async Task<Dictionary<string, Fault>> ExistingAsync(IEnumerable<string> references, CancellationToken ct)
    {
        var found = new Dictionary<string, Fault>(StringComparer.Ordinal);
        foreach (var chunk in references.Chunk(LookupChunk))
        {
            // Workarounds are loaded so a re-imported one is recognised instead of added twice.
            var faults = await db.Faults.Include(f => f.Workarounds)
                .Where(f => f.ExternalRef != null && chunk.Contains(f.ExternalRef))
                .ToListAsync(ct);
            foreach (var fault in faults)
            {
                found[fault.ExternalRef!] = fault; // the query matched on it, so it is not null
            }
        }

        return found;
    }

    private sealed record Checked(int Line, HistoricalFault Record, bool ReportedAtGiven);

    private sealed record Names(ByName<Suite> Suites, ByName<Production> Productions);

    // Names as typed in the old system: exact first, then ignoring case when that is unambiguous.
    private sealed class ByName<T>(IReadOnlyList<T> items, Func<T, string> name) where T : class
    {
        private readonly Dictionary<string, T> _exact = items.ToDictionary(name, StringComparer.Ordinal);

        private readonly Dictionary<string, T> _loose = items.GroupBy(name, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single(), StringComparer.OrdinalIgnoreCase);

        public T? Find(string wanted) => _exact.GetValueOrDefault(wanted) ?? _loose.GetValueOrDefault(wanted);
    }

    // The checks of one row; every failure is reported, not only the first.
    private sealed class RowCheck(FaultImportRow row, ImportFormat format, Names names, DateTimeOffset now,
        List<ImportError> errors)
    {
        // ISO 8601 dates and times; one without an offset is taken as UTC.
        private static readonly string[] IsoFormats =
        [
            "yyyy-MM-dd",
            "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        ];

        private bool _failed;

        public Checked? Run()
        {
            var r = row.Record;
            var externalRef = Clean(r.ExternalRef);
            if (externalRef is null || externalRef.Length > FaultConfiguration.ExternalRefLength)
            {
                Fail("externalRef", UnusableExternalRef);
            }

            var title = Required(r.Title, "title", FaultConfiguration.TitleLength, "Give the fault a short title.");
            var symptoms = Required(r.Symptoms, "symptoms", FaultConfiguration.SymptomsLength, "Describe what was seen.");
            var equipment = Optional(r.Equipment, "equipment", EquipmentLength);
            var category = Clean(r.Category) is null
                ? Failed<FaultCategory>("category", "Give the fault's category.")
                : Choice<FaultCategory>(r.Category, "category");
            var stage = Choice<WorkflowStage>(r.WorkflowStage, "workflowStage");
            var severity = Choice<Severity>(r.Severity, "severity") ?? Severity.P3;
            var status = Choice<FaultStatus>(r.Status, "status");
            var suite = Named(r.Suite, "suite", names.Suites, "No such suite.");
            var production = Named(r.Production, "production", names.Productions, "No such production.");
            var rootCause = Optional(r.RootCause, "rootCause", FaultConfiguration.TextLength);
            var fix = Optional(r.Resolution, "resolution", FaultConfiguration.TextLength);
            var workaround = Optional(r.Workaround?.Description, WorkaroundField("description"), FaultConfiguration.TextLength);
            var acceptability = Choice<Acceptability>(r.Workaround?.Acceptability, WorkaroundField("acceptability"));
            if (acceptability is not null && workaround is null)
            {
                Fail(WorkaroundField("acceptability"), "Give the workaround's description as well.");
            }

            var reportedAt = Date(r.ReportedAt, "reportedAt");
            var resolvedAt = Date(r.ResolvedAt, "resolvedAt");
            // Resolved when there is a fix to show for it, otherwise New (DESIGN: import record).
            var settled = status ?? (fix is null ? FaultStatus.New : FaultStatus.Resolved);
            if (resolvedAt is not null && settled is not (FaultStatus.Resolved or FaultStatus.Closed))
            {
                Fail("resolvedAt", $"A {settled} fault has no resolved date; give a resolution or status Resolved or Closed.");
            }
            else if (resolvedAt < reportedAt)
            {
                Fail("resolvedAt", "The fault cannot be resolved before it was reported.");
            }

            if (_failed)
            {
                return null;
            }

            // Every value read here is present when nothing failed.
            var record = new HistoricalFault(externalRef!, title!, symptoms!, equipment, category!.Value, stage, severity,
                settled, suite, production, rootCause, workaround, acceptability, fix, reportedAt ?? now, resolvedAt);
            return new Checked(row.Line, record, reportedAt is not null);
        }

        private void Fail(string field, string message)
        {
            _failed = true;
            errors.Add(new ImportError(row.Line, field, message));
        }

        private T? Failed<T>(string field, string message) where T : struct
        {
            Fail(field, message);
            return null;
        }

        private string WorkaroundField(string part) => format == ImportFormat.Csv
            ? "workaround" + char.ToUpperInvariant(part[0]) + part[1..]
            : "workaround." + part;

        private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        private string? Required(string? value, string field, int maxLength, string missing)
        {
            var text = Clean(value);
            if (text is null)
            {
                Fail(field, missing);
            }

            return Optional(text, field, maxLength);
        }

        private string? Optional(string? value, string field, int maxLength)
        {
            var text = Clean(value);
            if (text?.Length > maxLength)
            {
                Fail(field, $"At most {maxLength:N0} characters; this has {text.Length:N0}.");
            }

            return text;
        }

        // Enumerations by name, whatever their case; numbers and combinations are not names.
        private T? Choice<T>(string? value, string field) where T : struct, Enum
        {
            var text = Clean(value);
            if (text is null)
            {
                return null;
            }

            var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            return name is null
                ? Failed<T>(field, $"'{text}' is not one of: {string.Join(", ", Enum.GetNames<T>())}.")
                : Enum.Parse<T>(name);
        }

        private T? Named<T>(string? value, string field, ByName<T> known, string missing) where T : class
        {
            var text = Clean(value);
            if (text is null)
            {
                return null;
            }

            // Absent and not visible read the same, so the answer leaks nothing (S3).
            var found = known.Find(text);
            if (found is null)
            {
                Fail(field, missing);
            }

            return found;
        }

        private DateTimeOffset? Date(string? value, string field)
        {
            var text = Clean(value);
            if (text is null)
            {
                return null;
            }

            if (!DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
                    out var date))
            {
                return Failed<DateTimeOffset>(field, "Give an ISO 8601 date or time, such as 2025-03-14 or 2025-03-14T09:30:00Z.");
            }

            return date > now ? Failed<DateTimeOffset>(field, "A historical fault cannot be dated in the future.") : date.ToUniversalTime();
        }
    }
}
