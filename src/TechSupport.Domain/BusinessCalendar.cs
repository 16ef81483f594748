namespace TechSupport.Domain;

// The facility's working hours, for the business-hours targets of E1 (P3, P4).
public sealed class BusinessCalendar(TimeZoneInfo timeZone, TimeOnly opens, TimeOnly closes)
{
    public static BusinessCalendar Default { get; } =
        new(TimeZoneInfo.Utc, new TimeOnly(9, 0), new TimeOnly(18, 0));

    public TimeSpan BusinessDay => closes - opens;

    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan duration)
    {
        var local = TimeZoneInfo.ConvertTime(start, timeZone);
        var remaining = duration;
        while (true)
        {
            var day = DateOnly.FromDateTime(local.DateTime);
            if (IsWorkingDay(day))
            {
                var open = At(day, opens);
                var close = At(day, closes);
                if (local < open)
                {
                    local = open;
                }

                if (local < close)
                {
                    var left = close - local;
                    if (remaining <= left)
                    {
                        return local + remaining;
                    }

                    remaining -= left;
                }
            }

            local = At(day.AddDays(1), opens);
        }
    }

    private static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var wall = day.ToDateTime(time);
        return new DateTimeOffset(wall, timeZone.GetUtcOffset(wall));
    }
}
