using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechSupport.Application.Identity;
using TechSupport.Web.Auth;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Account;

// Anyone signed in may set up an authenticator here and is asked for its codes from then on; new recovery
// codes; turning it off, except for a role that needs it.
public sealed class SecurityModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, Authenticators authenticators,
    MfaRequirement mfa) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public bool Enrolled { get; private set; }

    public bool Required { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public AuthenticatorKey? Key { get; private set; }

    // Shown once, on the answer that made them.
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnrolAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!await authenticators.IsEnrolledAsync(user))
        {
            if (await authenticators.EnrolAsync(user, Code) is not { } codes)
            {
                ModelState.AddModelError(nameof(Code), "That code is not valid. Check the app's clock is right and type the code it shows now.");
                await LoadAsync(user);
                return Page();
            }

            // Switching two-factor on changed the security stamp; the cookie is re-issued, now with the second factor.
            await RenewSignInAsync(user, SessionClaims.SecondFactor);
            RecoveryCodes = codes;
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (await authenticators.IsEnrolledAsync(user))
        {
            RecoveryCodes = await authenticators.NewRecoveryCodesAsync(user);
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostTurnOffAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (await mfa.IsRequiredAsync(users, user))
        {
            ModelState.AddModelError(nameof(Code), "Your role signs in with a second factor, so it stays on.");
        }
        else if (!await authenticators.TurnOffAsync(user, Code))
        {
            ModelState.AddModelError(nameof(Code), "That code is not valid; turning the authenticator off takes a current code from it.");
        }
        else
        {
            await RenewSignInAsync(user, null);
            TempData[MediatedPageModel.StatusKey] = "The authenticator is off: you sign in with your password alone.";
            return RedirectToPage();
        }

        await LoadAsync(user);
        return Page();
    }

    private async Task LoadAsync(AppUser user)
    {
        Enrolled = await authenticators.IsEnrolledAsync(user);
        Required = await mfa.IsRequiredAsync(users, user);
        if (Enrolled)
        {
            RecoveryCodesLeft = await authenticators.RecoveryCodesLeftAsync(user);
            return;
        }

        Key = await authenticators.KeyAsync(user);
    }

    // The same sign-in, re-issued for the user's new security stamp; method is the new "amr" or null to keep it.
    private async Task RenewSignInAsync(AppUser user, string? method)
    {
        var amr = method ?? User.FindFirstValue(SessionClaims.Method) ?? "pwd";
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(SessionClaims.Method, amr)]);
    }
}
