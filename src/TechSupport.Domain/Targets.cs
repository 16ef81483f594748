namespace TechSupport.Domain;

// E1: when a fault must be acknowledged, restored (a workaround in place) and resolved.
public sealed record Targets(DateTimeOffset AcknowledgeBy, DateTimeOffset? RestoreBy, DateTimeOffset ResolveBy)
{
    public static Targets For(Severity severity, DateTimeOffset loggedAt, BusinessCalendar calendar)
    {
        var businessDay = calendar.BusinessDay;
        return severity switch
        {
            Severity.P1 => new(loggedAt.AddMinutes(15), loggedAt.AddHours(1), loggedAt.AddHours(4)),
            Severity.P2 => new(loggedAt.AddHours(1), loggedAt.AddHours(4), loggedAt.AddDays(1)),
            Severity.P3 => new(calendar.AddBusinessTime(loggedAt, TimeSpan.FromHours(4)), null,
                calendar.AddBusinessTime(loggedAt, businessDay * 3)),
            Severity.P4 => new(calendar.AddBusinessTime(loggedAt, businessDay), null,
                calendar.AddBusinessTime(loggedAt, businessDay * 10)),
            _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
        };
    }
}
