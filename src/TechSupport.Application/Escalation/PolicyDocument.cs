using System.Globalization;
using TechSupport.Domain;

namespace TechSupport.Application.Escalation;

public sealed record HoursDocument(string? Start, string? End);

public sealed record RecurrenceDocument(int? WindowDays, int? Count);

public sealed record TargetDocument(int? AcknowledgeMinutes, int? RestoreMinutes, int? ResolveMinutes, string? Calendar);

// The escalation policy as the API and the stored row read it (DESIGN: /admin/escalation-policy).
// Days the business hours leave out are closed; times are local to the policy's time zone.
public sealed record PolicyDocument(
    string? TimeZone,
    Dictionary<string, HoursDocument?>? BusinessHours,
    List<string?>? Holidays,
    int? WarningPercent,
    RecurrenceDocument? Recurrence,
    int? DeadlineRiskHours,
    Dictionary<string, TargetDocument?>? Targets)
{
    public const string AllHours = "24x7";
    public const string Business = "business";

    public static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static PolicyDocument From(EscalationPolicy policy) => new(
        policy.TimeZone,
        Days.Where(d => policy.BusinessHours.ContainsKey(Day(d)))
            .ToDictionary(d => d, d => (HoursDocument?)new HoursDocument(Time(policy.BusinessHours[Day(d)].Start),
                Time(policy.BusinessHours[Day(d)].End))),
        policy.Holidays.Select(h => (string?)h.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
        policy.WarningPercent,
        new RecurrenceDocument(policy.Recurrence.WindowDays, policy.Recurrence.Count),
        policy.DeadlineRiskHours,
        Enum.GetValues<Severity>().ToDictionary(s => s.ToString(), s =>
        {
            var t = policy.Targets[s];
            return (TargetDocument?)new TargetDocument(t.AcknowledgeMinutes, t.RestoreMinutes, t.ResolveMinutes,
                t.Calendar == TargetCalendar.Business ? Business : AllHours);
        }));

    // Call only on a document the validator passed.
    public EscalationPolicy ToPolicy() => new(
        TimeZone!.Trim(),
        BusinessHours!.Where(h => h.Value is not null)
            .ToDictionary(h => Day(h.Key), h => new WorkingHours(ParseTime(h.Value!.Start)!.Value, ParseTime(h.Value.End)!.Value)),
        Holidays!.Select(h => ParseDate(h)!.Value).ToList(),
        WarningPercent!.Value,
        new RecurrenceRule(Recurrence!.WindowDays!.Value, Recurrence.Count!.Value),
        DeadlineRiskHours!.Value,
        Targets!.ToDictionary(t => Enum.Parse<Severity>(t.Key, ignoreCase: true), t => new SeverityTarget(
            t.Value!.AcknowledgeMinutes!.Value, t.Value.RestoreMinutes, t.Value.ResolveMinutes!.Value,
            string.Equals(t.Value.Calendar?.Trim(), Business, StringComparison.OrdinalIgnoreCase)
                ? TargetCalendar.Business
                : TargetCalendar.AllHours)));

    public static DayOfWeek Day(string name) => Enum.Parse<DayOfWeek>(name.Trim(), ignoreCase: true);

    public static bool IsDay(string name) => Days.Contains(name.Trim().ToLowerInvariant());

    public static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t
            : null;

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
