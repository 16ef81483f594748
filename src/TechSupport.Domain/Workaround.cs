namespace TechSupport.Domain;

// What keeps work going, and whether it is acceptable for the job's deliverables (K9).
public sealed class Workaround
{
    private Workaround() => (Description, AppliedByName) = ("", "");

    internal Workaround(Guid faultId, string description, Acceptability acceptability, string? conditions, Actor actor,
        DateTimeOffset at)
    {
        Id = Ids.New(at);
        FaultId = faultId;
        Description = description;
        Acceptability = acceptability;
        Conditions = conditions;
        AppliedAt = at;
        AppliedById = actor.Id;
        AppliedByName = actor.Name;
    }

    public Guid Id { get; private set; }
    public Guid FaultId { get; private set; }
    public string Description { get; private set; }
    public Acceptability Acceptability { get; private set; }
    public string? Conditions { get; private set; }
    public DateTimeOffset AppliedAt { get; private set; }
    public Guid? AppliedById { get; private set; }
    public string AppliedByName { get; private set; }
}
