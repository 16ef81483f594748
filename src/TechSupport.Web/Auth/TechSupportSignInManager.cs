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

    // A deactivated account signs in no more. It is refused before its password is checked, so a hash is
    // verified here instead: the answer and the work are those of a wrong password (the sign-in page and the
    // API login both answer "Wrong email or password." to anything but success).
    public override async Task<bool> CanSignInAsync(AppUser user)
    {
        if (user.DeactivatedAt is not null)
        {
            hasher.VerifyHashedPassword(decoy.User, decoy.Hash, "");
            return false;
        }

        return await base.CanSignInAsync(user);
    }

    // The cookie's periodic check and a refresh token both come here: neither revives a deactivated account.
    public override async Task<bool> ValidateSecurityStampAsync(AppUser? user, string? securityStamp) =>
        user is { DeactivatedAt: null } && await base.ValidateSecurityStampAsync(user, securityStamp);
}

// A hash of a random password, made once with the configured algorithm and iterations, like real accounts'.
public sealed class DecoyPassword(IOptions<PasswordHasherOptions> options)
{
    private readonly Lazy<string> _hash = new(() => new PasswordHasher<AppUser>(options).HashPassword(new AppUser(), Guid.NewGuid().ToString("N")));

    public AppUser User { get; } = new() { UserName = "decoy" };

    public string Hash => _hash.Value;
}
