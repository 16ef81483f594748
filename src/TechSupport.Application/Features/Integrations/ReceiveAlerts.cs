using System.Globalization;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Data.Configurations;
using TechSupport.Application.Escalation;
using TechSupport.Application.Identity;
using TechSupport.Application.Integrations;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Integrations;

// One alert of an Alertmanager webhook payload, as Alertmanager sends it.
public sealed record AlertmanagerAlert(
    string? Status,
    Dictionary<string, string?>? Labels,
    Dictionary<string, string?>? Annotations,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? GeneratorUrl,
    string? Fingerprint);

// An Alertmanager webhook payload (version 4). Only the webhook sends it, as the system actor
// "Alertmanager"; no person's request reaches it.
[RequiresRole(Role.Admin)]
public sealed record ReceiveAlerts(
    string? Version,
    string? GroupKey,
    int? TruncatedAlerts,
    string? Status,
    string? Receiver,
    Dictionary<string, string?>? GroupLabels,
    Dictionary<string, string?>? CommonLabels,
    Dictionary<string, string?>? CommonAnnotations,
    string? ExternalUrl,
    IReadOnlyList<AlertmanagerAlert>? Alerts) : ICommand<AlertsReceived>;

public sealed record AlertsReceived(int Received, int Opened, int Updated, int Unmapped);

public sealed class ReceiveAlertsValidator : AbstractValidator<ReceiveAlerts>
{
    public ReceiveAlertsValidator()
    {
        RuleFor(x => x.Version).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Send an Alertmanager webhook payload (version 4).")
            .Equal(AlertmanagerPayload.Version).WithMessage(x => $"Version {x.Version} is not understood; this webhook reads version 4 payloads.");
        RuleFor(x => x.Alerts).NotNull().WithMessage("List the alerts.");
        RuleForEach(x => x.Alerts).NotNull().WithMessage("An alert is missing here.").SetValidator(new AlertValidator());
    }

    private sealed class AlertValidator : AbstractValidator<AlertmanagerAlert>
    {
        public AlertValidator()
        {
            RuleFor(a => a.Fingerprint).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Every alert needs its fingerprint.")
                .MaximumLength(FaultConfiguration.AlertFingerprintLength);
            RuleFor(a => a.Status).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Give the alert's status: firing or resolved.")
                .Must(s => AlertmanagerPayload.Statuses.Contains(s!.Trim().ToLowerInvariant()))
                .WithMessage(a => $"'{a.Status}' is not an alert status; it is firing or resolved.");
            RuleFor(a => a.Labels).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Every alert needs its labels.")
                .Must(l => l!.Count > 0).WithMessage("Every alert needs its labels.")
                .Must(l => AlertmanagerPayload.Json(AlertmanagerPayload.Clean(l)).Length <= AlertmanagerPayload.TextLength)
                .WithMessage($"The labels are too long to keep ({AlertmanagerPayload.TextLength:N0} characters at most).");
            RuleFor(a => a.StartsAt).NotNull().WithMessage("Give when the alert started (startsAt).");
        }
    }
}

public sealed partial class ReceiveAlertsHandler(
    TechSupportDbContext db,
    UserManager<AppUser> users,
    PolicyStore policies,
    FaultRules rules,
    IOptions<AlertmanagerOptions> options,
    TimeProvider clock,
    ILogger<ReceiveAlertsHandler> logger) : ICommandHandler<ReceiveAlerts, AlertsReceived>
{
    public const string AccountEmail = "alertmanager@system.local";
    public const string AccountName = "Monitoring (Alertmanager)";

    private static readonly FaultStatus[] Open = [.. FaultLifecycle.OpenStatuses];
    private readonly AlertLabelOptions _labels = options.Value.Labels;
    private Actor? _monitoring;

    private enum Outcome
    {
        Kept,
        Opened,
        Updated,
        Unmapped
    }

    public async ValueTask<AlertsReceived> Handle(ReceiveAlerts command, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var alerts = command.Alerts ?? [];
        if (command.TruncatedAlerts is > 0 and var truncated)
        {
            Truncated(logger, truncated);
        }

        var policy = await policies.CurrentAsync(db, ct);
        // A facility has tens of suites: matching their names in memory is case-insensitive on every provider.
        var suites = await db.Suites.Include(s => s.Equipment).ToListAsync(ct);
        var counts = new Dictionary<Outcome, int>();
        foreach (var alert in alerts.OfType<AlertmanagerAlert>())
        {
            var outcome = await TakeAsync(alert, suites, policy, ct);
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
            // Each alert is saved before the next is read, so a later one of the same delivery finds the
            // fault an earlier one opened (dedup, E6 recurrence); the transaction still commits them together.
            await db.SaveChangesAsync(ct);
        }

        var summary = new AlertsReceived(alerts.Count, counts.GetValueOrDefault(Outcome.Opened),
            counts.GetValueOrDefault(Outcome.Updated), counts.GetValueOrDefault(Outcome.Unmapped));
        Received(logger, summary.Received, summary.Opened, summary.Updated, summary.Unmapped);
        return summary;
    }

    private async Task<Outcome> TakeAsync(AlertmanagerAlert alert, List<Suite> suites, EscalationPolicy policy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The validator guarantees fingerprint, status, labels and startsAt.
        var fingerprint = alert.Fingerprint!.Trim();
        var status = alert.Status!.Trim().ToLowerInvariant();
        var labels = AlertmanagerPayload.Clean(alert.Labels);
        var annotations = AlertmanagerPayload.Fit(AlertmanagerPayload.Clean(alert.Annotations));
        var startsAt = AlertmanagerPayload.Instant(alert.StartsAt)!.Value;
        var endsAt = AlertmanagerPayload.Instant(alert.EndsAt);

        var record = await db.MonitoringAlerts.SingleOrDefaultAsync(a => a.Fingerprint == fingerprint, ct);
        if (record is not null && record.Status == status && record.StartsAt == startsAt && record.EndsAt == endsAt)
        {
            // Alertmanager repeats a group until it changes (repeat_interval) and retries a failed delivery:
            // a replay is only seen again.
            record.LastSeenAt = now;
            record.Received++;
            return record.SuiteId is null ? Outcome.Unmapped : Outcome.Kept;
        }

        if (record is null)
        {
            record = new MonitoringAlert { Id = Ids.New(now), Fingerprint = fingerprint, FirstSeenAt = now };
            db.MonitoringAlerts.Add(record);
        }

        var alertName = Clip(labels.GetValueOrDefault("alertname") ?? "", 200);
        record.AlertName = alertName;
        record.Status = status;
        record.Labels = AlertmanagerPayload.Json(labels);
        record.Annotations = AlertmanagerPayload.Json(annotations);
        record.StartsAt = startsAt;
        record.EndsAt = endsAt;
        record.LastSeenAt = now;
        record.Received++;

        var suite = FindSuite(suites, labels.GetValueOrDefault(_labels.Suite));
        var equipmentLabel = labels.GetValueOrDefault(_labels.Equipment);
        var kit = suite is null ? null : FindEquipment(suite, equipmentLabel);
        record.SuiteId = suite?.Id;
        record.EquipmentId = kit?.Id;
        if (suite is null)
        {
            return Outcome.Unmapped;
        }

        var shownName = alertName.Length > 0 ? alertName : "The alert";
        var fault = await db.Faults
            .Include(f => f.Suite).Include(f => f.Equipment).Include(f => f.Production).Include(f => f.Workarounds)
            .Include(f => f.Firings)
            .AsSplitQuery()
            .Where(f => f.AlertFingerprint == fingerprint && Open.Contains(f.Status))
            .OrderByDescending(f => f.CreatedAt)
            .FirstOrDefaultAsync(ct);
        if (fault is not null)
        {
            var note = status == AlertmanagerPayload.Resolved
                ? $"Monitoring: {shownName} resolved at {Local(endsAt ?? now, policy)}."
                : $"Monitoring: {shownName} is firing (since {Local(startsAt, policy)}).";
            fault.NoteAlert(note, await MonitoringActorAsync(now), now);
            record.FaultId = fault.Id;
            await rules.ApplyAsync(fault, FaultChange.Alert, null, ct);
            return Outcome.Updated;
        }

        if (status == AlertmanagerPayload.Resolved)
        {
            // Over before a fault was opened (or after it was closed): nothing to work on.
            return Outcome.Kept;
        }

        var summary = annotations.GetValueOrDefault("summary");
        var title = string.IsNullOrWhiteSpace(summary) ? $"{shownName} in {suite.Name}" : summary;
        var revision = await db.ConfigurationRevisions.Where(r => r.SuiteId == suite.Id)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        var report = new FaultReport(suite, kit, null, revision,
            Clip(title.Trim(), FaultConfiguration.TitleLength),
            Clip(Symptoms(alert, labels, annotations, shownName, startsAt, policy, suite, kit is null ? equipmentLabel : null),
                FaultConfiguration.SymptomsLength),
            AlertTriage.StageOf(suite.SuiteType),
            AlertTriage.CategoryOf(labels.GetValueOrDefault("category"), alertName),
            AlertTriage.SeverityOf(labels.GetValueOrDefault("severity")),
            AlertFingerprint: fingerprint);
        var number = await db.NextFaultNumberAsync(ct);
        fault = Fault.Log(report, number, await MonitoringActorAsync(now), policy, now);
        db.Faults.Add(fault);
        record.FaultId = fault.Id;
        await rules.ApplyAsync(fault, FaultChange.Logged, null, ct);
        return Outcome.Opened;
    }

    // By id, or by name as people write it.
    private static Suite? FindSuite(List<Suite> suites, string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        var value = label.Trim();
        return Guid.TryParse(value, out var id)
            ? suites.SingleOrDefault(s => s.Id == id)
            : suites.SingleOrDefault(s => string.Equals(s.Name, value, StringComparison.OrdinalIgnoreCase));
    }

    // By id, serial, "Make Model" or model, within the suite; a name two items share picks neither,
    // so a fault is never put on the wrong kit.
    private static Equipment? FindEquipment(Suite suite, string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        var value = label.Trim();
        if (Guid.TryParse(value, out var id))
        {
            return suite.Equipment.SingleOrDefault(e => e.Id == id);
        }

        Func<Equipment, string?>[] keys = [e => e.Serial, e => e.Name, e => e.Model];
        foreach (var key in keys)
        {
            var matches = suite.Equipment.Where(e => string.Equals(key(e), value, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
            if (matches.Count > 0)
            {
                return matches.Count == 1 ? matches[0] : null;
            }
        }

        return null;
    }

    private static string Symptoms(AlertmanagerAlert alert, SortedDictionary<string, string> labels,
        SortedDictionary<string, string> annotations, string alertName, DateTimeOffset startsAt, EscalationPolicy policy,
        Suite suite, string? unmatchedEquipment)
    {
        var text = new StringBuilder();
        if (annotations.GetValueOrDefault("description") is { Length: > 0 } description)
        {
            text.Append(description.Trim()).Append("\n\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Monitoring: {alertName} firing since {Local(startsAt, policy)}.\n");
        text.Append("Labels: ").AppendJoin(", ", labels.Select(l => $"{l.Key}={l.Value}")).Append('\n');
        if (unmatchedEquipment is { Length: > 0 })
        {
            text.Append(CultureInfo.InvariantCulture, $"The alert names equipment \"{unmatchedEquipment.Trim()}\", which is not recorded in {suite.Name}.\n");
        }

        if (!string.IsNullOrWhiteSpace(alert.GeneratorUrl))
        {
            text.Append(CultureInfo.InvariantCulture, $"Source: {alert.GeneratorUrl.Trim()}\n");
        }

        return text.ToString().Trim();
    }

    // The one account monitoring reports as: a fault needs a reporter who is a user. It has no password
    // and is locked out, so nobody can sign in as it.
    private async Task<Actor> MonitoringActorAsync(DateTimeOffset now)
    {
        if (_monitoring is not null)
        {
            return _monitoring;
        }

        var account = await users.FindByEmailAsync(AccountEmail);
        if (account is null)
        {
            account = new AppUser
            {
                Id = Ids.New(now),
                UserName = AccountEmail,
                Email = AccountEmail,
                DisplayName = AccountName,
                CreatedAt = now,
                LockoutEnabled = true,
                LockoutEnd = DateTimeOffset.MaxValue,
            };
            var created = await users.CreateAsync(account);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("The monitoring account could not be created: "
                    + string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }

        return _monitoring = new Actor(account.Id, account.DisplayName);
    }

    private static string Local(DateTimeOffset at, EscalationPolicy policy) =>
        WallClock.Format(at, policy.Calendar.TimeZone, "ddd d MMM HH:mm:ss");

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    [LoggerMessage(LogLevel.Information, "Alertmanager delivered {Alerts} alerts: {Opened} faults opened, {Updated} updated, {Unmapped} unmapped")]
    private static partial void Received(ILogger logger, int alerts, int opened, int updated, int unmapped);

    [LoggerMessage(LogLevel.Warning, "Alertmanager left {Truncated} alerts out of a delivery (max_alerts); they arrive with a later one")]
    private static partial void Truncated(ILogger logger, int truncated);
}

// What the webhook payload means, and how its parts are kept.
public static class AlertmanagerPayload
{
    public const string Version = "4";
    public const string Firing = "firing";
    public const string Resolved = "resolved";
    // The Labels and Annotations columns of MonitoringAlerts.
    public const int TextLength = 8_000;

    public static readonly IReadOnlySet<string> Statuses = new HashSet<string>([Firing, Resolved], StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    // Sorted, so the same labels are always kept as the same text; a label without a value is no label.
    public static SortedDictionary<string, string> Clean(Dictionary<string, string?>? values)
    {
        var clean = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in values ?? [])
        {
            if (!string.IsNullOrWhiteSpace(name) && value is not null)
            {
                clean[name.Trim()] = value;
            }
        }

        return clean;
    }

    public static string Json(SortedDictionary<string, string> values) => JsonSerializer.Serialize(values, Options);

    public static Dictionary<string, string> Read(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options) ?? [];

    // Annotations carry runbooks and long descriptions; they are shortened to fit rather than refused.
    public static SortedDictionary<string, string> Fit(SortedDictionary<string, string> annotations)
    {
        var limit = 4_000;
        var fitted = annotations;
        while (Json(fitted).Length > TextLength && limit >= 16)
        {
            var clip = limit;
            fitted = new SortedDictionary<string, string>(
                annotations.ToDictionary(a => a.Key, a => a.Value.Length <= clip ? a.Value : a.Value[..(clip - 1)] + "…"),
                StringComparer.Ordinal);
            limit /= 2;
        }

        while (Json(fitted).Length > TextLength && fitted.Count > 0)
        {
            fitted.Remove(fitted.Keys.Last());
        }

        return fitted;
    }

    // Alertmanager writes nanoseconds and "0001-01-01T00:00:00Z" for "not ended"; the database keeps
    // 0.1 ms, so instants are kept to the millisecond and a replay compares equal after the round trip.
    public static DateTimeOffset? Instant(DateTimeOffset? value)
    {
        if (value is not { } at || at.Year <= 1)
        {
            return null;
        }

        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
