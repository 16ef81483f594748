using System.Globalization;

namespace TechSupport.Application.Features.Shared;

// An instant on the facility's wall clock, with the zone named as people there say it: a UK
// facility reads GMT or BST (which one depends on the instant), anywhere else the IANA id.
public sealed record FacilityTime(DateTimeOffset At, string Zone)
{
    private const string London = "Europe/London";
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static FacilityTime Of(DateTimeOffset instant, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTime(instant, zone), ZoneName(zone, instant));

    public static string ZoneName(TimeZoneInfo zone, DateTimeOffset instant)
    {
        var iana = zone.HasIanaId ? zone.Id
            : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var converted) ? converted
            : zone.Id;
        return iana == London ? zone.IsDaylightSavingTime(instant) ? "BST" : "GMT" : iana;
    }

    public override string ToString() => At.ToString("ddd d MMM yyyy, HH:mm", British) + " " + Zone;
}
