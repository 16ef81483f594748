using TechSupport.Domain;

namespace TechSupport.Domain.Tests;

public sealed class TargetsTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    // E1 on the default policy: P1/P2 round the clock, P3/P4 in working time, 08:00–19:00 Monday to
    // Friday in Europe/London (GMT in winter, BST = UTC+1 from 29 March to 25 October 2026), bank holidays off.
    public static TheoryData<string, Severity, DateTimeOffset, DateTimeOffset, DateTimeOffset?, DateTimeOffset> Cases => new()
    {
        { "P1 on a Monday morning", Severity.P1, Utc(11, 23, 10), Utc(11, 23, 10, 15), Utc(11, 23, 11), Utc(11, 23, 14) },
        { "P1 late on a Saturday night counts round the clock", Severity.P1, Utc(11, 28, 23), Utc(11, 28, 23, 15), Utc(11, 29, 0), Utc(11, 29, 3) },
        { "P2 resolves a day later", Severity.P2, Utc(11, 23, 10), Utc(11, 23, 11), Utc(11, 23, 14), Utc(11, 24, 10) },
        { "P3 in the week", Severity.P3, Utc(11, 23, 10), Utc(11, 23, 14), null, Utc(11, 26, 10) },
        { "P3 on a Friday evening runs over the weekend", Severity.P3, Utc(11, 27, 17), Utc(11, 30, 10), null, Utc(12, 2, 17) },
        { "P4 logged before opening time", Severity.P4, Utc(11, 23, 7), Utc(11, 23, 19), null, Utc(12, 4, 19) },
        { "P3 on Christmas Eve skips Christmas, the weekend and the Boxing Day substitute", Severity.P3, Utc(12, 24, 15), Utc(12, 24, 19), null, Utc(12, 31, 15) },
        { "P3 before the spring clock change is due in summer time", Severity.P3, Utc(3, 27, 17), Utc(3, 30, 9), null, Utc(4, 1, 16) },
        { "P3 before the autumn clock change is due in winter time", Severity.P3, Utc(10, 23, 16), Utc(10, 26, 10), null, Utc(10, 28, 17) },
        { "P1 across the spring clock change is 4 real hours", Severity.P1, Utc(3, 29, 0, 30), Utc(3, 29, 0, 45), Utc(3, 29, 1, 30), Utc(3, 29, 4, 30) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_severity_gets_its_acknowledge_restore_and_resolve_targets(string situation, Severity severity,
        DateTimeOffset logged, DateTimeOffset acknowledgeBy, DateTimeOffset? restoreBy, DateTimeOffset resolveBy)
    {
        var targets = Build.Policy.TargetsFor(severity, logged);

        Assert.True((acknowledgeBy, restoreBy, resolveBy) == (targets.AcknowledgeBy, targets.RestoreBy, targets.ResolveBy),
            $"{situation}: got {targets.AcknowledgeBy:u} / {targets.RestoreBy:u} / {targets.ResolveBy:u}");
    }

    [Fact]
    public void The_warning_falls_at_three_quarters_of_the_working_time()
    {
        // P3 logged Monday 10:00 GMT: 4 working hours to acknowledge, warned after 3.
        var targets = Build.Policy.TargetsFor(Severity.P3, Utc(11, 23, 10));

        Assert.Equal(Utc(11, 23, 13), targets.AcknowledgeWarnAt);
        Assert.Equal(Utc(11, 23, 10, 11).AddSeconds(15), Build.Policy.TargetsFor(Severity.P1, Utc(11, 23, 10)).AcknowledgeWarnAt);
    }

    [Fact]
    public void Working_hours_are_local_wall_clock_time_in_summer()
    {
        // Monday 6 July 2026, BST: 07:30 UTC is 08:30 on the facility's clock.
        var due = Build.Policy.Calendar.AddBusinessTime(Utc(7, 6, 7, 30), TimeSpan.FromHours(4));

        Assert.Equal(Utc(7, 6, 11, 30), due);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        var ex = Record.Exception(() => new EscalationPolicy("Mars/Olympus_Mons", EscalationPolicy.WeekdaysEightToSeven, [], 75,
            new RecurrenceRule(14, 3), 48, Build.Policy.Targets));

        Assert.IsAssignableFrom<TimeZoneNotFoundException>(ex);
    }
}
