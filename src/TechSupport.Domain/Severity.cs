namespace TechSupport.Domain;

public enum Severity
{
    P1,
    P2,
    P3,
    P4
}
