namespace TechSupport.Domain;

// That a rule acted on a fault at one level; the key (unique per fault) is what makes every rule
// fire at most once per fault per level, even with two evaluators racing.
public sealed class RuleFiring
{
    private RuleFiring() => Key = "";

    internal RuleFiring(Guid faultId, EscalationRuleId rule, string key, DateTimeOffset at)
    {
        FaultId = faultId;
        Rule = rule;
        Key = key;
        At = at;
    }

    public Guid FaultId { get; private set; }
    public EscalationRuleId Rule { get; private set; }
    public string Key { get; private set; }
    public DateTimeOffset At { get; private set; }
}

public enum EscalationRuleId
{
    E2,
    E3,
    E4,
    E5,
    E6,
    E7,
    E8,
    E9,
    // Not a rule of DESIGN's table but of its effectiveness definition (PC8): verified by recurrence.
    Effectiveness
}
