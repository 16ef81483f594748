namespace TechSupport.Domain;

// One line of a fault's timeline: who did what, when. Never changed once written.
public sealed class FaultEvent
{
    private FaultEvent() => (ActorName, Text) = ("", "");

    internal FaultEvent(Guid faultId, int sequence, DateTimeOffset at, Guid? actorId, string actorName, FaultEventKind kind, string text,
        EscalationRuleId? rule = null)
    {
        Id = Ids.New(at);
        FaultId = faultId;
        Sequence = sequence;
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Kind = kind;
        Text = text;
        Rule = rule;
    }

    public Guid Id { get; private set; }
    public Guid FaultId { get; private set; }
    // The fault's version when this happened: orders events that share a timestamp.
    public int Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public Guid? ActorId { get; private set; }
    public string ActorName { get; private set; }
    public FaultEventKind Kind { get; private set; }
    public string Text { get; private set; }
    // The escalation rule that wrote this entry, when a rule did.
    public EscalationRuleId? Rule { get; private set; }
}
