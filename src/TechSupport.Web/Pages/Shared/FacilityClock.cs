using System.Globalization;
using TechSupport.Application.Data;
using TechSupport.Application.Escalation;
using TechSupport.Domain;

namespace TechSupport.Web.Pages.Shared;

// Times as people in the facility read them: on the wall clock of the escalation policy's time zone, with the
// zone named, because an instant shown in UTC reads an hour off in a British summer. Instants stay UTC in the
// API, in the database and in <time datetime>. One per request: FacilityClockFilter loads the zone before a
// page handler runs, so a view can format without awaiting.
public sealed class FacilityClock(TechSupportDbContext db, PolicyStore policies, TimeProvider clock)
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    private TimeZoneInfo? _zone;

    public TimeZoneInfo Zone => _zone
        ?? throw new InvalidOperationException("The facility clock is read before FacilityClockFilter loaded its time zone.");

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task LoadAsync(CancellationToken ct) =>
        _zone = (await policies.CurrentAsync(db, ct)).Calendar.TimeZone;

    // For a moment on its own: "Mon 23 Nov 2026, 10:00 GMT".
    public string When(DateTimeOffset at) =>
        $"{Wall(at).ToString("ddd d MMM yyyy, HH:mm", British)} {ZoneName(at)}";

    // For tables and the timeline: the year only when it is not this one.
    public string Brief(DateTimeOffset at)
    {
        var wall = Wall(at);
        var format = wall.Year == Wall(Now).Year ? "ddd d MMM, HH:mm" : "d MMM yyyy, HH:mm";
        return $"{wall.ToString(format, British)} {ZoneName(at)}";
    }

    // The machine-readable instant of a <time> element: always UTC.
    public string Iso(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public string ZoneName(DateTimeOffset at) => WallClock.ZoneName(Zone, at);

    // A wall time typed on a form, as an instant. The spring change skips an hour (no such time: refused);
    // the autumn change repeats one, read as its first occurrence (summer time), as the business calendar does.
    public LocalReading FromWall(DateTime wall)
    {
        var unspecified = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified))
        {
            return new LocalReading(null, Repeated: false);
        }

        if (Zone.IsAmbiguousTime(unspecified))
        {
            var first = Zone.GetAmbiguousTimeOffsets(unspecified).Max();
            return new LocalReading(new DateTimeOffset(unspecified, first).ToUniversalTime(), Repeated: true);
        }

        return new LocalReading(new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified)).ToUniversalTime(), Repeated: false);
    }

    private DateTime Wall(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;
}
