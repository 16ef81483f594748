using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;

namespace TechSupport.Web.Auth;

// Refuses an access token whose session has ended or moved on to a later generation (refreshed, revoked,
// signed out, expired). It runs before the bearer handler reads the token, costs one lookup by primary key,
// and only ever adds a refusal: a token it lets through is read and checked by the handler as before. Kept
// apart from CurrentUserMiddleware, which loads the user for cookies and tokens alike.
public sealed class TokenSessionEvents(TokenSessions sessions, TimeProvider clock) : BearerTokenEvents
{
    private const string Prefix = "Bearer ";

    public override async Task MessageReceivedAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return;
        }

        var token = header[Prefix.Length..];
        var ticket = context.Options.BearerTokenProtector.Unprotect(token);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires)
        {
            return; // the handler refuses it as it always has
        }

        if (!Guid.TryParse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || SessionClaims.Read(ticket.Principal) is not { } session
            || !await sessions.IsCurrentAsync(userId, session, context.HttpContext.RequestAborted))
        {
            context.Fail("The session of this token has ended.");
            return;
        }

        context.Token = token;
    }
}
