using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TechSupport.Application.Identity;

namespace TechSupport.Web.Auth;

// Sign-in for an e-mail no account has does the same work as for one that exists: it verifies the
// password against a hash of the same strength, so the time taken does not tell which accounts exist.
public sealed partial class TechSupportSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    IPasswordHasher<AppUser> hasher,
    DecoyPassword decoy,
    SignInThrottle throttle,
    TokenSessions sessions,
    MfaRequirement mfa)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private readonly TokenSessions _sessions = sessions;
    private readonly MfaRequirement _mfa = mfa;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent,
        bool lockoutOnFailure)
    {
        throttle.Attempt(userName);
        if (await UserManager.FindByNameAsync(userName) is { } user)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }

        hasher.VerifyHashedPassword(decoy.User, decoy.Hash, password);
        return SignInResult.Failed;
    }
}

// A hash of a random password, made once with the configured algorithm and iterations, like real accounts'.
public sealed class DecoyPassword(IOptions<PasswordHasherOptions> options)
{
    private readonly Lazy<string> _hash = new(() => new PasswordHasher<AppUser>(options).HashPassword(new AppUser(), Guid.NewGuid().ToString("N")));

    public AppUser User { get; } = new() { UserName = "decoy" };

    public string Hash => _hash.Value;
}
