using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechSupport.Application.Identity;
using TechSupport.Web.Auth;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Account;

// After the right password, for a user with an authenticator: a code from the app, or a recovery code.
[AllowAnonymous]
public sealed class SecondFactorModel(SignInManager<AppUser> signIn, Authenticators authenticators) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() => await NextAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await NextAsync() is { } elsewhere)
        {
            return elsewhere;
        }

        if (string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(RecoveryCode))
        {
            ModelState.AddModelError(nameof(Code), "Give the six digits your authenticator app shows, or a recovery code.");
            return Page();
        }

        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        // A wrong code counts towards lockout like a wrong password; a locked account answers the same words.
        var result = string.IsNullOrWhiteSpace(RecoveryCode)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(Code!, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode);
        if (!result.Succeeded || user is null)
        {
            ModelState.AddModelError(string.IsNullOrWhiteSpace(RecoveryCode) ? nameof(Code) : nameof(RecoveryCode),
                "That code is not valid. Each code works once: wait for the next one, or use an unused recovery code.");
            return Page();
        }

        if (!string.IsNullOrWhiteSpace(RecoveryCode))
        {
            var left = await authenticators.RecoveryCodesLeftAsync(user);
            TempData[MediatedPageModel.StatusKey] =
                $"Signed in with a recovery code; {left} left. Make new ones under Account security when you run low.";
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    // Back to the password without one proved (or after the few minutes it is remembered); to set-up without an authenticator.
    private async Task<IActionResult?> NextAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user ? RedirectToPage("/Account/Login", new { ReturnUrl })
        : await authenticators.IsEnrolledAsync(user) ? null
        : RedirectToPage("/Account/Enrol", new { ReturnUrl });
}
