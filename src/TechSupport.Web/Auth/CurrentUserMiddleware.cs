using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechSupport.Application.Data;
using TechSupport.Application.Identity;

namespace TechSupport.Web.Auth;

// Fills the current user from the database on every request, so a removed clearance counts on the next request.
// A cookie or bearer token is refused on its next request when its user is deleted or deactivated, or when their
// security stamp has moved on since it was issued (a new role, a new password, a deactivation): Identity's cookie
// check only looks every 30 minutes and a bearer token is never checked, so both are checked here, alike. Refused
// means 401 on the API (the answer of an expired token) and, on the pages, the cookie signed out and the browser
// sent to the sign-in page.
public sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, HttpCurrentUser current, TechSupportDbContext db, IOptions<IdentityOptions> identity)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var ct = context.RequestAborted;
            var access = Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
                && await CurrentStampAsync(db, userId, ct) is { } stamp
                && stamp == context.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType)
                    ? await db.AccessAsync(userId, ct)
                    : null;
            if (access is not { Active: true })
            {
                await RefuseAsync(context);
                return;
            }

            current.SignedIn(access);
        }

        await next(context);
    }

    private static Task<string?> CurrentStampAsync(TechSupportDbContext db, Guid userId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(ct);

    private static async Task RefuseAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api"))
        {
            // Bodiless: the API's status-code pages give it the same problem details as any other 401.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        // A form posted with the refused cookie is not posted again after signing in: back to its page only.
        var back = HttpMethods.IsGet(request.Method) ? request.Path + request.QueryString : request.Path.ToString();
        context.Response.Redirect($"/account/login?ReturnUrl={Uri.EscapeDataString(back)}");
    }
}
