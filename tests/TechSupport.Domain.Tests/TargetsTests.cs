using TechSupport.Domain;

namespace TechSupport.Domain.Tests;

public sealed class TargetsTests
{
    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    // E1 on the default calendar (Mon–Fri 09:00–18:00 UTC); 2026-11-23 is a Monday.
    public static TheoryData<Severity, DateTimeOffset, DateTimeOffset, DateTimeOffset?, DateTimeOffset> Cases => new()
    {
        { Severity.P1, At(23, 10), At(23, 10, 15), At(23, 11), At(23, 14) },
        { Severity.P1, At(28, 23), At(28, 23, 15), At(29, 0), At(29, 3) },
        { Severity.P2, At(23, 10), At(23, 11), At(23, 14), At(24, 10) },
        { Severity.P3, At(23, 10), At(23, 14), null, At(26, 10) },
        { Severity.P3, At(27, 17), At(30, 12), null, new DateTimeOffset(2026, 12, 2, 17, 0, 0, TimeSpan.Zero) },
        { Severity.P4, At(28, 12), At(30, 18), null, new DateTimeOffset(2026, 12, 11, 18, 0, 0, TimeSpan.Zero) },
        { Severity.P4, At(23, 7), At(23, 18), null, new DateTimeOffset(2026, 12, 4, 18, 0, 0, TimeSpan.Zero) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_severity_gets_its_acknowledge_restore_and_resolve_targets(Severity severity, DateTimeOffset logged,
        DateTimeOffset acknowledgeBy, DateTimeOffset? restoreBy, DateTimeOffset resolveBy)
    {
        var targets = Targets.For(severity, logged, BusinessCalendar.Default);

        Assert.Equal(new Targets(acknowledgeBy, restoreBy, resolveBy), targets);
    }

    [Fact]
    public void Business_time_counts_in_the_facilitys_own_time_zone()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var calendar = new BusinessCalendar(london, new TimeOnly(9, 0), new TimeOnly(18, 0));
        // 2026-07-06 is a Monday in British Summer Time (UTC+1): 08:30 UTC is 09:30 local.
        var logged = new DateTimeOffset(2026, 7, 6, 8, 30, 0, TimeSpan.Zero);

        var due = calendar.AddBusinessTime(logged, TimeSpan.FromHours(4));

        Assert.Equal(new DateTimeOffset(2026, 7, 6, 12, 30, 0, TimeSpan.Zero), due.ToUniversalTime());
    }
}
