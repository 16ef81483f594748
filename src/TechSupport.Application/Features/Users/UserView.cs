using TechSupport.Application.Features.Shared;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

// An account as administration reads it; `deactivatedAt` and `lockedOutUntil` are absent for an account in use.
public sealed record UserView(Guid Id, string Email, string DisplayName, Role Role, IReadOnlyList<NamedRef> Clearances,
    SupportTier? Tier = null, DateTimeOffset? DeactivatedAt = null, DateTimeOffset? LockedOutUntil = null)
{
    public bool Active => DeactivatedAt is null;

    // Identity locks an account on the system clock; in production that is the clock given here.
    public static DateTimeOffset? LockedUntil(DateTimeOffset? lockoutEnd, DateTimeOffset now) => lockoutEnd > now ? lockoutEnd : null;

    // The tier whose escalations a user hears of: an engineer's own (first line until set), Manager for
    // managers by their role, none for everyone else.
    public static SupportTier? TierOf(Role role, SupportTier? engineerTier) => role switch
    {
        Role.Engineer => engineerTier ?? SupportTier.FirstLine,
        Role.Manager => SupportTier.Manager,
        _ => null,
    };
}
