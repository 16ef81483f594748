using TechSupport.Application.Escalation;

namespace TechSupport.Web.Pages.Admin;

// The escalation policy as its page binds it. Every name is the policy document's JSON path in Pascal case
// (Targets.P1.AcknowledgeMinutes for targets.P1.acknowledgeMinutes), so the mediator's field errors land
// beside their inputs: ModelState compares keys without case.
public sealed class PolicyForm
{
    public string? TimeZone { get; set; }

    public WeekForm BusinessHours { get; set; } = new();

    // One date per line, as yyyy-MM-dd.
    public string? Holidays { get; set; }

    public int? WarningPercent { get; set; }

    public RecurrenceForm Recurrence { get; set; } = new();

    public int? DeadlineRiskHours { get; set; }

    public TargetsForm Targets { get; set; } = new();

    public static PolicyForm From(PolicyDocument policy)
    {
        var form = new PolicyForm
        {
            TimeZone = policy.TimeZone,
            Holidays = string.Join('\n', policy.Holidays ?? []),
            WarningPercent = policy.WarningPercent,
            Recurrence = new RecurrenceForm { WindowDays = policy.Recurrence?.WindowDays, Count = policy.Recurrence?.Count },
            DeadlineRiskHours = policy.DeadlineRiskHours,
        };
        foreach (var (name, day) in form.BusinessHours.Days)
        {
            var hours = policy.BusinessHours?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            day.Open = hours is not null;
            day.Start = hours?.Start;
            day.End = hours?.End;
        }

        foreach (var (severity, target) in form.Targets.All)
        {
            var stored = policy.Targets?.FirstOrDefault(t => string.Equals(t.Key, severity, StringComparison.OrdinalIgnoreCase)).Value;
            target.AcknowledgeMinutes = stored?.AcknowledgeMinutes;
            target.RestoreMinutes = stored?.RestoreMinutes;
            target.ResolveMinutes = stored?.ResolveMinutes;
            target.Calendar = stored?.Calendar;
        }

        return form;
    }

    // A closed day travels as null, which the policy reads as closed.
    public PolicyDocument ToDocument() => new(
        TimeZone,
        BusinessHours.Days.ToDictionary(d => d.Name, d => d.Day.Open ? new HoursDocument(d.Day.Start, d.Day.End) : null),
        [.. (Holidays ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
        WarningPercent,
        new RecurrenceDocument(Recurrence.WindowDays, Recurrence.Count),
        DeadlineRiskHours,
        Targets.All.ToDictionary(t => t.Severity, t => (TargetDocument?)new TargetDocument(
            t.Target.AcknowledgeMinutes, t.Target.RestoreMinutes, t.Target.ResolveMinutes, t.Target.Calendar)));

    // The length of a business day when every open day is as long, for "= 3 business days" beside a target.
    public int? BusinessDayMinutes()
    {
        var lengths = BusinessHours.Days.Where(d => d.Day.Open)
            .Select(d => (Start: PolicyDocument.ParseTime(d.Day.Start), End: PolicyDocument.ParseTime(d.Day.End)))
            .Select(h => h is { Start: { } s, End: { } e } && e > s ? (int?)(e - s).TotalMinutes : null)
            .Distinct()
            .ToList();
        return lengths is [{ } only] ? only : null;
    }

    public sealed class WeekForm
    {
        public DayForm Monday { get; set; } = new();

        public DayForm Tuesday { get; set; } = new();

        public DayForm Wednesday { get; set; } = new();

        public DayForm Thursday { get; set; } = new();

        public DayForm Friday { get; set; } = new();

        public DayForm Saturday { get; set; } = new();

        public DayForm Sunday { get; set; } = new();

        // In the document's order and with its names (PolicyDocument.Days).
        public IEnumerable<(string Name, DayForm Day)> Days =>
        [
            ("monday", Monday), ("tuesday", Tuesday), ("wednesday", Wednesday), ("thursday", Thursday),
            ("friday", Friday), ("saturday", Saturday), ("sunday", Sunday),
        ];
    }

    public sealed class DayForm
    {
        public bool Open { get; set; }

        public string? Start { get; set; }

        public string? End { get; set; }
    }

    public sealed class RecurrenceForm
    {
        public int? WindowDays { get; set; }

        public int? Count { get; set; }
    }

    public sealed class TargetsForm
    {
        public TargetForm P1 { get; set; } = new();

        public TargetForm P2 { get; set; } = new();

        public TargetForm P3 { get; set; } = new();

        public TargetForm P4 { get; set; } = new();

        public IEnumerable<(string Severity, TargetForm Target)> All => [("P1", P1), ("P2", P2), ("P3", P3), ("P4", P4)];
    }

    public sealed class TargetForm
    {
        public int? AcknowledgeMinutes { get; set; }

        public int? RestoreMinutes { get; set; }

        public int? ResolveMinutes { get; set; }

        public string? Calendar { get; set; }
    }
}
