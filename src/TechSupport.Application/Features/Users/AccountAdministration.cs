using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Features.Shared;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

// What the administration of one account shares with the others: the rule that nobody administers their own,
// the account looked up by id, and the account as the API and the users page read it.
public static class AccountAdministration
{
    public const string OwnAccount = "Another administrator changes your own role, clearances and account.";

    // S2 admits no role by rank, administrators included: an administrator is cleared for a Restricted production
    // only by a second administrator. Their role and account are held the same way, so no one can give themselves
    // back what another took away, and the last active administrator can never remove themselves.
    public static void RefuseOwn(ICurrentUser user, Guid userId, string what)
    {
        if (userId == user.Id)
        {
            throw new ForbiddenException($"Nobody changes their own {what}; ask another administrator.");
        }
    }

    // Tracked, so a change to it is saved (and audited) with the command.
    public static async Task<AppUser> AccountAsync(UserManager<AppUser> users, Guid userId) =>
        await users.FindByIdAsync(userId.ToString()) ?? throw new NotFoundException("user");

    // Taking the Admin role from, or deactivating, the only active administrator left: possible only for a system
    // job (an administrator never acts on themselves), or when two administrators act on each other at once.
    public static async Task KeepAnAdministratorAsync(TechSupportDbContext db, Guid losing, CancellationToken ct)
    {
        const string admin = nameof(Role.Admin);
        var others = await db.Users.Where(u => u.Id != losing && u.DeactivatedAt == null
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == admin)))
            .AnyAsync(ct);
        if (!others)
        {
            throw new DomainRuleException("This is the last active administrator; make another one first.");
        }
    }

    public static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainRuleException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    public static async Task<UserView> ViewAsync(this TechSupportDbContext db, ICurrentUser user, AppUser account, Role role,
        DateTimeOffset now, CancellationToken ct)
    {
        var cleared = await db.Clearances.AsNoTracking().Where(c => c.UserId == account.Id).Select(c => c.ProductionId)
            .ToListAsync(ct);
        var names = await db.ProductionNamesAsync(user, cleared, ct);
        var clearances = cleared.Select(id => new NamedRef(id, names[id])).OrderBy(p => p.Name).ToList();
        return new UserView(account.Id, account.Email ?? "", account.DisplayName, role, clearances,
            UserView.TierOf(role, account.Tier), account.DeactivatedAt, UserView.LockedUntil(account.LockoutEnd, now));
    }
}
