namespace TechSupport.Application.Identity;

// One API sign-in. Its access and refresh tokens carry the session's id and generation; a refresh
// moves the generation on, so the previous pair stops working, and presenting a spent refresh token
// revokes the whole session (it has been copied).
public sealed class TokenSession
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public int Generation { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
