namespace TechSupport.Domain;

// What an operator reports, already resolved to the facility's records.
public sealed record FaultReport(
    Suite Suite,
    Equipment? Equipment,
    Production? Production,
    ConfigurationRevision? ConfigurationRevision,
    string Title,
    string Symptoms,
    WorkflowStage WorkflowStage,
    FaultCategory Category,
    Severity Severity,
    Impact? Impact = null,
    bool HealthAndSafety = false,
    bool SecurityIncident = false,
    string? AlertFingerprint = null);
