namespace TechSupport.Domain;

public enum Classification
{
    Standard,
    Confidential,
    Restricted
}
