using System.Globalization;

namespace TechSupport.Domain;

// An instant on the facility's wall clock with its zone named as people there say it: GMT or BST in
// the UK (which one depends on the instant), otherwise the offset ("UTC+02:00"). One naming for the
// pages, the briefing, the timeline and the monitoring notes.
public static class WallClock
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    private static readonly HashSet<string> BritishZones = new(StringComparer.OrdinalIgnoreCase)
    {
        "Europe/London", "Europe/Belfast", "Europe/Guernsey", "Europe/Isle_of_Man", "Europe/Jersey", "GB", "GB-Eire",
    };

    public static string ZoneName(TimeZoneInfo zone, DateTimeOffset at)
    {
        var id = zone.HasIanaId ? zone.Id
            : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana
            : zone.Id;
        if (BritishZones.Contains(id))
        {
            return zone.IsDaylightSavingTime(at) ? "BST" : "GMT";
        }

        var offset = zone.GetUtcOffset(at);
        if (offset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime)
        {
            return "UTC";
        }

        var sign = offset < TimeSpan.Zero ? "−" : "+";
        return $"UTC{sign}{offset.Duration():hh\\:mm}";
    }

    // "Mon 23 Nov 10:15 GMT" for the given .NET date format.
    public static string Format(DateTimeOffset at, TimeZoneInfo zone, string format) =>
        $"{TimeZoneInfo.ConvertTime(at, zone).ToString(format, British)} {ZoneName(zone, at)}";
}
