namespace TechSupport.Domain;

public enum Effectiveness
{
    Unverified,
    Effective,
    Partial,
    Ineffective
}
