namespace TechSupport.Domain;

public enum Role
{
    Operator,
    Engineer,
    Manager,
    Admin
}
