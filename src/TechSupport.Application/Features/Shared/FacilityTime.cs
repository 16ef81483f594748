using System.Globalization;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Shared;

// An instant on the facility's wall clock, with the zone named as people there say it (WallClock).
public sealed record FacilityTime(DateTimeOffset At, string Zone)
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static FacilityTime Of(DateTimeOffset instant, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTime(instant, zone), ZoneName(zone, instant));

    public static string ZoneName(TimeZoneInfo zone, DateTimeOffset instant) => WallClock.ZoneName(zone, instant);

    public override string ToString() => At.ToString("ddd d MMM yyyy, HH:mm", British) + " " + Zone;
}
