using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechSupport.Application.Data;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Web.Auth;

// API sign-in sessions (finding 6). A bearer token is self-contained, so without these a refresh token
// worked any number of times and an access token until it expired. Each sign-in starts a session; its
// tokens carry the session's id and generation; a refresh moves the generation on, which retires the
// pair it was given; a session lives as long as its newest refresh token.
public sealed class TokenSessions(
    TechSupportDbContext db,
    TimeProvider clock,
    IOptionsMonitor<BearerTokenOptions> bearer,
    ILogger<TokenSessions> logger)
{
    private TimeSpan Lifetime => bearer.Get(IdentityConstants.BearerScheme).RefreshTokenExpiration;

    public async Task<SessionTicket> StartAsync(Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The user's ended sessions are cleared as a new one starts, through the (UserId, ExpiresAt) index.
        await db.TokenSessions.Where(s => s.UserId == userId && (s.ExpiresAt <= now || s.RevokedAt != null))
            .ExecuteDeleteAsync(ct);
        var session = new TokenSession
        {
            Id = Ids.New(now),
            UserId = userId,
            Generation = 1,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.TokenSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return new SessionTicket(session.Id, session.Generation);
    }

    // Per bearer-authenticated request: one lookup by primary key.
    public Task<bool> IsCurrentAsync(Guid userId, SessionTicket ticket, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.TokenSessions.AsNoTracking().AnyAsync(s => s.Id == ticket.Id && s.UserId == userId
            && s.Generation == ticket.Generation && s.RevokedAt == null && s.ExpiresAt > now, ct);
    }

    // The next generation, or null when the refresh token may not be used: a refresh token of an earlier
    // generation has been spent already, so someone holds a copy of it, and the whole session is revoked.
    public async Task<SessionTicket?> RotateAsync(Guid userId, SessionTicket presented, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var next = presented.Generation + 1;
        var expires = now + Lifetime;
        // One conditional update on the concurrency token: of two refreshes racing with the same token, the
        // database lets exactly one match the generation; the other is refused (and counts as reuse).
        var moved = await db.TokenSessions
            .Where(s => s.Id == presented.Id && s.UserId == userId && s.Generation == presented.Generation
                && s.RevokedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Generation, next).SetProperty(s => s.ExpiresAt, expires), ct);
        if (moved == 1)
        {
            return presented with { Generation = next };
        }

        var revoked = await db.TokenSessions
            .Where(s => s.Id == presented.Id && s.Generation > presented.Generation && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
        if (revoked == 1)
        {
            logger.LogWarning("Revoked API session {SessionId} of user {UserId}: a spent refresh token of generation {Generation} was presented",
                presented.Id, userId, presented.Generation);
        }

        return null;
    }

    public async Task EndAsync(SessionTicket ticket, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.TokenSessions.Where(s => s.Id == ticket.Id && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
    }
}
