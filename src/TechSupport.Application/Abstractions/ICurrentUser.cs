using TechSupport.Domain;

namespace TechSupport.Application.Abstractions;

// The signed-in caller as every handler sees it; role and clearances are read fresh per request
// so a revoked clearance takes effect at once.
public interface ICurrentUser
{
    bool IsAuthenticated { get; }
    Guid Id { get; }
    string Name { get; }
    Role Role { get; }
    Viewer Viewer { get; }
    Actor Actor => IsAuthenticated ? new Actor(Id, Name) : Actor.System;
}
