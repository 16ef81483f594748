using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechSupport.Application.Identity;
using TechSupport.Web.Auth;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Web.Pages.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, Authenticators authenticators, TechSupportSettings settings,
    MfaRequirement mfa) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    // In demo mode, why the published demo password alone signs in an admin.
    public string? DemoNote => !settings.Demo ? null
        : mfa.Roles.Count == 0 ? "The demo accounts sign in with the password alone."
        : $"The demo accounts sign in with the password alone; real accounts of {mfa.Describe()} need an authenticator code.";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError("", "Give your email address and password.");
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor && await signIn.GetTwoFactorAuthenticationUserAsync() is { } user)
        {
            // The password was right; the second factor comes next, or setting one up when there is none yet.
            return RedirectToPage(await authenticators.IsEnrolledAsync(user) ? "/Account/SecondFactor" : "/Account/Enrol",
                new { ReturnUrl });
        }

        if (!result.Succeeded)
        {
            // Same words for a locked account, so the form is not an oracle for lockout.
            ModelState.AddModelError("", "Wrong email or password.");
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
