using System.Globalization;
using Microsoft.AspNetCore.Identity;
using TechSupport.Application.Identity;

namespace TechSupport.Web.Auth;

// Identity's authenticator provider, registered under its name, with two differences: time comes from
// TimeProvider, and a code works once. The last accepted step is kept per user in AspNetUserTokens; a code
// of that step or an earlier one is refused, so a code seen over someone's shoulder is spent once typed.
public sealed class OneTimeAuthenticatorCodes(TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Store = "TechSupport";
    public const string LastStep = "AuthenticatorLastStep";

    // One step either side of now, as RFC 6238 advises for clocks that drift and codes typed slowly.
    private const int Window = 1;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    // Codes come from the user's app; nothing is sent.
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        if (Totp.Normalise(token) is not { } code || await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key)
        {
            return false;
        }

        var used = long.TryParse(await manager.GetAuthenticationTokenAsync(user, Store, LastStep), NumberStyles.None,
            CultureInfo.InvariantCulture, out var last) ? last : long.MinValue;
        var now = Totp.StepAt(clock.GetUtcNow());
        var bytes = Totp.KeyBytes(key);
        for (var step = Math.Max(now - Window, used + 1); step <= now + Window; step++)
        {
            if (Totp.Code(bytes, step) == code)
            {
                // The user's concurrency stamp makes this a conditional write: of two sign-ins racing with the
                // same code, one stores the step and the other fails here.
                return (await manager.SetAuthenticationTokenAsync(user, Store, LastStep,
                    step.ToString(CultureInfo.InvariantCulture))).Succeeded;
            }
        }

        return false;
    }
}
