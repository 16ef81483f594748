using TechSupport.Application.Abstractions;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Web.Auth;

// Filled once per request by CurrentUserMiddleware from the database, not from the token's claims,
// so a changed role or a revoked clearance counts at once.
public sealed class HttpCurrentUser : ICurrentUser
{
    private UserAccess? _access;

    public bool IsAuthenticated => _access is not null;
    public Guid Id => _access?.Id ?? Guid.Empty;
    public string Name => _access?.DisplayName ?? "";
    public string Email => _access?.Email ?? "";
    public Role Role => _access?.Role ?? Role.Operator;
    public Viewer Viewer => _access?.Viewer ?? Viewer.Nobody;

    public void SignedIn(UserAccess access) => _access = access;
}
