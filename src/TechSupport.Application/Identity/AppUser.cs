using Microsoft.AspNetCore.Identity;

namespace TechSupport.Application.Identity;

public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    // The escalation tier an engineer works (E2 notifies the users of the tier a fault reaches);
    // managers are the Manager tier by role.
    public Domain.SupportTier? Tier { get; set; }
}
