using TechSupport.Domain;

namespace TechSupport.Domain.Tests;

internal static class Build
{
    public static readonly DateTimeOffset Monday10 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static Suite Suite(string name = "Grade 1") => Domain.Suite.Create(name, SuiteType.Grade, Monday10);

    public static Production Production(Classification classification) =>
        Domain.Production.Create($"Show {classification}", classification, null, null, Monday10);

    public static Fault Fault(Suite? suite = null, Production? production = null, Severity severity = Severity.P2,
        bool securityIncident = false, Guid? reporter = null, Equipment? equipment = null) =>
        Domain.Fault.Log(
            new FaultReport(suite ?? Suite(), equipment, production, null, "Resolve stutters from the SAN",
                "Dropped frames on playback", WorkflowStage.Grade, FaultCategory.Storage, severity,
                SecurityIncident: securityIncident),
            1, new Actor(reporter ?? Guid.NewGuid(), "Oli Operator"), BusinessCalendar.Default, Monday10);
}
