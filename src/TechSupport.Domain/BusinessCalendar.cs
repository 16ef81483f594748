namespace TechSupport.Domain;

// The facility's working time, for the business-hours targets of E1: working hours per weekday in
// the facility's own time zone (IANA id), with bank holidays off. Wall times are turned into
// instants by the zone's rules, so a target is right across both clock changes.
public sealed class BusinessCalendar
{
    private readonly IReadOnlyDictionary<DayOfWeek, WorkingHours> _hours;
    private readonly HashSet<DateOnly> _holidays;

    public BusinessCalendar(TimeZoneInfo timeZone, IReadOnlyDictionary<DayOfWeek, WorkingHours> hours,
        IEnumerable<DateOnly> holidays)
    {
        TimeZone = timeZone;
        _hours = hours;
        _holidays = [.. holidays];
        if (!_hours.Values.Any(h => h.End > h.Start))
        {
            throw new ArgumentException("A business calendar needs working hours on at least one day.", nameof(hours));
        }
    }

    public TimeZoneInfo TimeZone { get; }

    public bool IsWorkingDay(DateOnly day) =>
        !_holidays.Contains(day) && _hours.TryGetValue(day.DayOfWeek, out var h) && h.End > h.Start;

    // The instant `duration` of working time after `start`.
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "Business time cannot run backwards.");
        }

        var cursor = start.ToUniversalTime();
        var remaining = duration;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(cursor, TimeZone).DateTime);
        // Ten years of days without one working day means the calendar is empty, not slow.
        for (var guard = 0; guard < 3_660; guard++, day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            var hours = _hours[day.DayOfWeek];
            var open = Instant(day, hours.Start);
            var close = Instant(day, hours.End);
            if (cursor < open)
            {
                cursor = open;
            }

            if (cursor >= close)
            {
                continue;
            }

            var left = close - cursor;
            if (remaining <= left)
            {
                return cursor + remaining;
            }

            remaining -= left;
            cursor = close;
        }

        throw new InvalidOperationException("The business calendar has no working time in the next ten years.");
    }

    // A local wall time as an instant. A time the spring change skips is read as the first valid
    // moment after it; one the autumn change repeats is read as its first (summer-time) occurrence.
    public DateTimeOffset Instant(DateOnly day, TimeOnly time)
    {
        var wall = day.ToDateTime(time, DateTimeKind.Unspecified);
        while (TimeZone.IsInvalidTime(wall))
        {
            wall = wall.AddMinutes(1);
        }

        var offset = TimeZone.IsAmbiguousTime(wall)
            ? TimeZone.GetAmbiguousTimeOffsets(wall).Max()
            : TimeZone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }

}

public sealed record WorkingHours(TimeOnly Start, TimeOnly End);
