using TechSupport.Domain;

namespace TechSupport.Domain.Tests;

internal static class Build
{
    public static readonly DateTimeOffset Monday10 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    // DESIGN's defaults in Europe/London with the England and Wales bank holidays of 2026 and 2027.
    public static readonly EscalationPolicy Policy = EscalationPolicy.Default(
    [
        new(2026, 1, 1), new(2026, 4, 3), new(2026, 4, 6), new(2026, 5, 4), new(2026, 5, 25), new(2026, 8, 31),
        new(2026, 12, 25), new(2026, 12, 28), new(2027, 1, 1), new(2027, 3, 26), new(2027, 3, 29), new(2027, 5, 3),
        new(2027, 5, 31), new(2027, 8, 30), new(2027, 12, 27), new(2027, 12, 28),
    ]);

    public static Suite Suite(string name = "Grade 1") => Domain.Suite.Create(name, SuiteType.Grade, Monday10);

    public static Production Production(Classification classification) =>
        Domain.Production.Create($"Show {classification}", classification, null, null, Monday10);

    public static Fault Fault(Suite? suite = null, Production? production = null, Severity severity = Severity.P2,
        bool securityIncident = false, Guid? reporter = null, Equipment? equipment = null, bool healthAndSafety = false,
        DateTimeOffset? at = null) =>
        Domain.Fault.Log(
            new FaultReport(suite ?? Suite(), equipment, production, null, "Resolve stutters from the SAN",
                "Dropped frames on playback", WorkflowStage.Grade, FaultCategory.Storage, severity,
                HealthAndSafety: healthAndSafety, SecurityIncident: securityIncident),
            1, new Actor(reporter ?? Guid.NewGuid(), "Oli Operator"), Policy, at ?? Monday10);
}
