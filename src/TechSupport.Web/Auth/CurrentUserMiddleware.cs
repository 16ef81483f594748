using System.Security.Claims;
using TechSupport.Application.Data;
using TechSupport.Application.Identity;

namespace TechSupport.Web.Auth;

public sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, HttpCurrentUser current, TechSupportDbContext db)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            && await db.AccessAsync(userId, context.RequestAborted) is { } access)
        {
            current.SignedIn(access);
        }

        await next(context);
    }
}
