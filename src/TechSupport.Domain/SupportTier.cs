namespace TechSupport.Domain;

public enum SupportTier
{
    FirstLine,
    SecondLine,
    Specialist,
    Manager
}
