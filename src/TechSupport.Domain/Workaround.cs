namespace TechSupport.Domain;

// What keeps work going, and whether it is acceptable for the job's deliverables (K9): what it
// changes about the picture or sound, and where that conflicts with the deliverable spec.
public sealed class Workaround
{
    private Workaround() => (Description, AppliedByName) = ("", "");

    internal Workaround(Guid faultId, string description, Acceptability acceptability, string? conditions, Actor actor,
        DateTimeOffset at, IReadOnlyList<WorkaroundChange>? changes = null, IReadOnlyList<DeliverableConflict>? conflicts = null)
    {
        Id = Ids.New(at);
        FaultId = faultId;
        Description = description;
        Acceptability = acceptability;
        Conditions = conditions;
        AppliedAt = at;
        AppliedById = actor.Id;
        AppliedByName = actor.Name;
        Changes = changes ?? [];
        Conflicts = conflicts ?? [];
    }

    public Guid Id { get; private set; }
    public Guid FaultId { get; private set; }
    public string Description { get; private set; }
    public Acceptability Acceptability { get; private set; }
    public string? Conditions { get; private set; }
    public DateTimeOffset AppliedAt { get; private set; }
    public Guid? AppliedById { get; private set; }
    public string AppliedByName { get; private set; }
    public IReadOnlyList<WorkaroundChange> Changes { get; private set; } = [];
    // The conflicts known when it was applied, against the spec as it was then.
    public IReadOnlyList<DeliverableConflict> Conflicts { get; private set; } = [];

    // E8: a short cut that puts the deliverable at risk.
    public bool EndangersDeliverable => Acceptability == Acceptability.Unacceptable || Conflicts.Count > 0;
}
