using Microsoft.AspNetCore.Identity;

namespace TechSupport.Application.Identity;

public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    // The escalation tier an engineer works (E2 notifies the users of the tier a fault reaches);
    // managers are the Manager tier by role.
    public Domain.SupportTier? Tier { get; set; }
    // A deactivated user keeps their history but signs in no more; their cookie and tokens stop
    // working on the next request.
    public DateTimeOffset? DeactivatedAt { get; set; }
    // The demo users of demo mode sign in with the password alone, whatever their role.
    public bool MfaExempt { get; set; }
}
