using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using TechSupport.Application.Identity;

namespace TechSupport.Web.Auth;

// The second factor and API sessions, on top of Identity's own two-factor sign-in: a user whose role needs
// a second factor is asked for one even before enrolling (the pages then enrol them, the API tells them
// to), a recovery code counts towards lockout like a wrong authenticator code, and every API sign-in
// starts a token session whose id and generation both tokens carry.
public sealed partial class TechSupportSignInManager
{
    public override async Task<bool> IsTwoFactorEnabledAsync(AppUser user) =>
        await base.IsTwoFactorEnabledAsync(user) || await _mfa.IsRequiredAsync(UserManager, user);

    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties,
        IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        if (user.MfaExempt)
        {
            claims.Add(new Claim(SessionClaims.MfaExempt, "true"));
        }

        if (AuthenticationScheme == IdentityConstants.BearerScheme)
        {
            claims.AddRange(SessionClaims.For(await _sessions.StartAsync(user.Id, Context.RequestAborted)));
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    // Identity neither checks lockout before a recovery code nor counts a wrong one; both are done here.
    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        if (await GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return SignInResult.Failed;
        }

        if (await PreSignInCheck(user) is { } refused)
        {
            return refused;
        }

        var result = await base.TwoFactorRecoveryCodeSignInAsync(NormaliseRecoveryCode(recoveryCode));
        if (result.Succeeded)
        {
            return result;
        }

        await UserManager.AccessFailedAsync(user);
        return await UserManager.IsLockedOutAsync(user) ? SignInResult.LockedOut : result;
    }

    // Codes are made as "XXXXX-XXXXX" in upper case; people type them in any case, with or without the hyphen.
    private static string NormaliseRecoveryCode(string code)
    {
        var plain = string.Concat(code.Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();
        return plain.Length == 10 ? $"{plain[..5]}-{plain[5..]}" : plain;
    }
}
