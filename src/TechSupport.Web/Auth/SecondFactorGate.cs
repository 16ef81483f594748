using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TechSupport.Web.Auth;

// Sign-in already refuses a cookie or token without the second factor to users whose role needs one. This
// covers what sign-in cannot see: a user given such a role, or Identity:RequireMfaForRoles widened, while
// signed in with the password alone. Their next request sends them to sign in again (pages) or answers 401
// (API). The role is the one CurrentUserMiddleware has just read from the database; no query of its own.
public sealed class SecondFactorGate(RequestDelegate next, MfaRequirement mfa)
{
    public async Task InvokeAsync(HttpContext context, HttpCurrentUser current, IProblemDetailsService problems)
    {
        var principal = context.User;
        var path = context.Request.Path;
        if (!current.IsAuthenticated || current.Id == Guid.Empty || !mfa.RequiredFor(current.Role)
            || SessionClaims.PassedSecondFactor(principal) || SessionClaims.IsExempt(principal)
            || path.StartsWithSegments("/account/login") || path.StartsWithSegments("/api/v1/auth"))
        {
            await next(context);
            return;
        }

        if (path.StartsWithSegments("/api") || context.Request.Headers.Authorization.Count > 0)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status401Unauthorized,
                    Title = "A second factor is needed.",
                    Detail = "Your role signs in with a second factor: sign in again with your authenticator code.",
                },
            });
            return;
        }

        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        context.Response.Redirect("/account/login?ReturnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
    }
}
