using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using TechSupport.Application.Identity;

namespace TechSupport.Web.Auth;

// Enrolling an authenticator app, as ASP.NET Core Identity keeps one: a base-32 key in AspNetUserTokens,
// two-factor switched on once a code from the app proves the key was taken, and ten recovery codes.
public sealed class Authenticators(UserManager<AppUser> users)
{
    public const int RecoveryCodeCount = 10;
    private const string Issuer = "TechSupport";

    // Enrolled: two-factor on and an authenticator key to check codes against.
    public async Task<bool> IsEnrolledAsync(AppUser user) =>
        await users.GetTwoFactorEnabledAsync(user) && !string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user));

    // The key to type into the app (in groups of four), the otpauth:// URI and its QR code. A key is made
    // on first sight and kept until enrolment ends or is turned off, so reloading the page does not change it.
    public async Task<AuthenticatorKey> KeyAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Stored where Identity's user store keeps it, without the new security stamp that
            // ResetAuthenticatorKeyAsync brings: looking at the set-up page must not end the user's sessions.
            Check(await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", users.GenerateNewAuthenticatorKey()));
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }

        var label = UrlEncoder.Default.Encode($"{Issuer}:{user.Email}");
        var uri = $"otpauth://totp/{label}?secret={key}&issuer={UrlEncoder.Default.Encode(Issuer)}&digits=6&period={Totp.StepSeconds}";
        // A PNG drawn here, shown as a data: image, so the page runs no script (the CSP allows img-src data:).
        var png = PngByteQRCodeHelper.GetQRCode(uri, QRCodeGenerator.ECCLevel.M, 5);
        return new AuthenticatorKey(Grouped(key), uri, "data:image/png;base64," + Convert.ToBase64String(png));
    }

    // Null when the code is wrong (counted towards lockout, as a wrong password is); otherwise the recovery codes,
    // shown once.
    public async Task<IReadOnlyList<string>?> EnrolAsync(AppUser user, string? code)
    {
        if (await users.IsLockedOutAsync(user) || !await VerifyAsync(user, code))
        {
            return null;
        }

        Check(await users.SetTwoFactorEnabledAsync(user, true));
        return await NewRecoveryCodesAsync(user);
    }

    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(AppUser user) =>
        (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList()
        ?? throw new DbUpdateConcurrencyException("The recovery codes could not be stored.");

    public Task<int> RecoveryCodesLeftAsync(AppUser user) => users.CountRecoveryCodesAsync(user);

    // Turning it off takes a current code; the key is replaced, so enrolling again means scanning a new one.
    public async Task<bool> TurnOffAsync(AppUser user, string? code)
    {
        if (await users.IsLockedOutAsync(user) || !await VerifyAsync(user, code))
        {
            return false;
        }

        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        return true;
    }

    private async Task<bool> VerifyAsync(AppUser user, string? code)
    {
        if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code ?? ""))
        {
            Check(await users.ResetAccessFailedCountAsync(user));
            return true;
        }

        await users.AccessFailedAsync(user);
        return false;
    }

    private static string Grouped(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4))));

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            // A concurrent change of the same account moved its concurrency stamp; nothing was stored (409).
            throw new DbUpdateConcurrencyException($"The account could not be updated: {string.Join(" ", result.Errors.Select(e => e.Code))}");
        }
    }
}
