using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechSupport.Application.Identity;
using TechSupport.Web.Auth;

namespace TechSupport.Web.Pages.Account;

// First sign-in of a user whose role needs a second factor: after the right password, and before anything
// else, they set up an authenticator app. Until a code from it is accepted they hold no sign-in cookie.
[AllowAnonymous]
public sealed class EnrolModel(SignInManager<AppUser> signIn, Authenticators authenticators) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public AuthenticatorKey? Key { get; private set; }

    // Shown once, on the answer to the accepted code.
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string ContinueTo => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await NotHereAsync() is { } elsewhere)
        {
            return elsewhere;
        }

        Key = await authenticators.KeyAsync((await signIn.GetTwoFactorAuthenticationUserAsync())!); // NotHereAsync found them
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await NotHereAsync() is { } elsewhere)
        {
            return elsewhere;
        }

        var user = (await signIn.GetTwoFactorAuthenticationUserAsync())!; // NotHereAsync found them
        if (await authenticators.EnrolAsync(user, Code) is not { } codes)
        {
            ModelState.AddModelError(nameof(Code), "That code is not valid. Check the app's clock is right and type the code it shows now.");
            Key = await authenticators.KeyAsync(user);
            return Page();
        }

        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(SessionClaims.Method, SessionClaims.SecondFactor)]);
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        RecoveryCodes = codes;
        return Page();
    }

    private async Task<IActionResult?> NotHereAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user ? RedirectToPage("/Account/Login", new { ReturnUrl })
        : await authenticators.IsEnrolledAsync(user) ? RedirectToPage("/Account/SecondFactor", new { ReturnUrl })
        : null;
}
