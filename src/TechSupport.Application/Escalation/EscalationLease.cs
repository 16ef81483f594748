namespace TechSupport.Application.Escalation;

// Who runs the timed evaluation: one instance at a time holds the lease until it expires, so two
// instances on one database never both evaluate (and the firing keys make a race harmless anyway).
public sealed class EscalationLease
{
    public const string Evaluator = "escalation-evaluator";

    public string Name { get; set; } = "";
    public string Holder { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}
