namespace TechSupport.Domain;

public enum Acceptability
{
    Acceptable,
    AcceptableWithConditions,
    Unacceptable
}
