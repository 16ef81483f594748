using TechSupport.Application.Abstractions;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Web.Auth;

// Filled once per request by CurrentUserMiddleware from the database, not from the token's claims,
// so a changed role or a revoked clearance counts at once.
public sealed class HttpCurrentUser : ICurrentUser
{
    private UserAccess? _access;
    private string? _system;

    public bool IsAuthenticated => _access is not null || _system is not null;
    public Guid Id => _access?.Id ?? Guid.Empty;
    public string Name => _access?.DisplayName ?? _system ?? "";
    public string Email => _access?.Email ?? "";
    // A system job (the escalation timer, the monitoring webhook) may send what an administrator may,
    // and sees nothing classified by that: visibility still comes from the viewer, who is nobody.
    public Role Role => _access?.Role ?? (_system is null ? Role.Operator : Role.Admin);
    public Viewer Viewer => _access?.Viewer ?? Viewer.Nobody;
    public Actor Actor => _system is { } name ? new Actor(null, name) : IsAuthenticated ? new Actor(Id, Name) : Actor.System;

    public void SignedIn(UserAccess access) => _access = access;

    public void ActAsSystem(string name) => _system = name;
}
