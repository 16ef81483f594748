namespace TechSupport.Application.Integrations;

// The latest state of one Alertmanager alert, by its fingerprint: which suite and kit it maps to,
// the fault it opened, and when it was last seen. An alert that maps to no suite is kept here for
// review rather than dropped.
public sealed class MonitoringAlert
{
    public Guid Id { get; set; }
    public string Fingerprint { get; set; } = "";
    public string AlertName { get; set; } = "";
    public string Status { get; set; } = "";
    public string Labels { get; set; } = "{}";
    public string Annotations { get; set; } = "{}";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public int Received { get; set; }
    public Guid? SuiteId { get; set; }
    public Guid? EquipmentId { get; set; }
    public Guid? FaultId { get; set; }
    public bool Unmapped => SuiteId is null;
}
