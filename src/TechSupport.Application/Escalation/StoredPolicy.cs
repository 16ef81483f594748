namespace TechSupport.Application.Escalation;

// The escalation policy as the administrator last saved it: one row, the API's JSON document.
// A change is audited like every other row (before and after).
public sealed class StoredPolicy
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public string Json { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedById { get; set; }
    public int Version { get; set; }
}
