namespace TechSupport.Domain;

public enum TargetCalendar
{
    // Round the clock: a P1 at 3 a.m. on a Sunday is due in 15 minutes.
    AllHours,
    // Working hours only, from the facility calendar.
    Business
}

// E1 for one severity: minutes to acknowledge, to restore work (a workaround), to resolve.
public sealed record SeverityTarget(int AcknowledgeMinutes, int? RestoreMinutes, int ResolveMinutes, TargetCalendar Calendar);

// E6: how many faults of one kind in how many days make a recurring problem.
public sealed record RecurrenceRule(int WindowDays, int Count);

// The facility's escalation policy (E1–E9 defaults in DESIGN), as an administrator sets it.
public sealed class EscalationPolicy
{
    public const string DefaultTimeZone = "Europe/London";

    public EscalationPolicy(string timeZone, IReadOnlyDictionary<DayOfWeek, WorkingHours> businessHours,
        IReadOnlyList<DateOnly> holidays, int warningPercent, RecurrenceRule recurrence, int deadlineRiskHours,
        IReadOnlyDictionary<Severity, SeverityTarget> targets)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        if (Enum.GetValues<Severity>().Any(s => !targets.ContainsKey(s)))
        {
            throw new ArgumentException("Every severity needs its targets.", nameof(targets));
        }

        TimeZone = timeZone;
        BusinessHours = businessHours;
        Holidays = [.. holidays.Distinct().Order()];
        WarningPercent = warningPercent;
        Recurrence = recurrence;
        DeadlineRiskHours = deadlineRiskHours;
        Targets = targets;
        Calendar = new BusinessCalendar(zone, businessHours, Holidays);
    }

    public string TimeZone { get; }
    public IReadOnlyDictionary<DayOfWeek, WorkingHours> BusinessHours { get; }
    public IReadOnlyList<DateOnly> Holidays { get; }
    public int WarningPercent { get; }
    public RecurrenceRule Recurrence { get; }
    public int DeadlineRiskHours { get; }
    public IReadOnlyDictionary<Severity, SeverityTarget> Targets { get; }
    public BusinessCalendar Calendar { get; }

    public static IReadOnlyDictionary<DayOfWeek, WorkingHours> WeekdaysEightToSeven { get; } =
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .ToDictionary(d => d, _ => new WorkingHours(new TimeOnly(8, 0), new TimeOnly(19, 0)));

    // DESIGN's E1 in a UK facility: business days are 08:00–19:00 Monday to Friday (11 hours).
    public static EscalationPolicy Default(IEnumerable<DateOnly> holidays)
    {
        const int day = 11 * 60;
        return new EscalationPolicy(DefaultTimeZone, WeekdaysEightToSeven, [.. holidays], 75, new RecurrenceRule(14, 3), 48,
            new Dictionary<Severity, SeverityTarget>
            {
                [Severity.P1] = new(15, 60, 4 * 60, TargetCalendar.AllHours),
                [Severity.P2] = new(60, 4 * 60, 24 * 60, TargetCalendar.AllHours),
                [Severity.P3] = new(4 * 60, null, 3 * day, TargetCalendar.Business),
                [Severity.P4] = new(day, null, 10 * day, TargetCalendar.Business),
            });
    }

    // The targets of a fault of this severity whose clock starts at `from`, with the instant of
    // each target's warning (E3) at the policy's percentage of the way there.
    public Targets TargetsFor(Severity severity, DateTimeOffset from)
    {
        var target = Targets[severity];
        (DateTimeOffset Due, DateTimeOffset Warn) Point(int minutes)
        {
            var duration = TimeSpan.FromMinutes(minutes);
            var warning = duration * (WarningPercent / 100.0);
            return target.Calendar == TargetCalendar.Business
                ? (Calendar.AddBusinessTime(from, duration), Calendar.AddBusinessTime(from, warning))
                : (from + duration, from + warning);
        }

        var acknowledge = Point(target.AcknowledgeMinutes);
        var restore = target.RestoreMinutes is { } r ? Point(r) : ((DateTimeOffset Due, DateTimeOffset Warn)?)null;
        var resolve = Point(target.ResolveMinutes);
        return new Targets(acknowledge.Due, restore?.Due, resolve.Due)
        {
            AcknowledgeWarnAt = acknowledge.Warn,
            RestoreWarnAt = restore?.Warn,
            ResolveWarnAt = resolve.Warn,
        };
    }
}
