using TechSupport.Application.Features.Shared;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

public sealed record UserView(Guid Id, string Email, string DisplayName, Role Role, IReadOnlyList<NamedRef> Clearances,
    SupportTier? Tier = null)
{
    // The tier whose escalations a user hears of: an engineer's own (first line until set), Manager for
    // managers by their role, none for everyone else.
    public static SupportTier? TierOf(Role role, SupportTier? engineerTier) => role switch
    {
        Role.Engineer => engineerTier ?? SupportTier.FirstLine,
        Role.Manager => SupportTier.Manager,
        _ => null,
    };
}
