using TechSupport.Domain;

namespace TechSupport.Application.Abstractions;

// The lowest role that may send a request; AuthorisationBehaviour enforces it before anything is read.
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresRoleAttribute(Role role) : Attribute
{
    public Role Role { get; } = role;
}
