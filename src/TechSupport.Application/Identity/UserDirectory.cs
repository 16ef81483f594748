using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Identity;

public sealed record UserAccess(Guid Id, string Email, string DisplayName, Role Role, Viewer Viewer, SupportTier? Tier = null);

public static class UserDirectory
{
    // A user's role and clearances as they stand now; null when the user does not exist.
    public static async Task<UserAccess?> AccessAsync(this TechSupportDbContext db, Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Tier }).SingleOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }

        var roleNames = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync(ct);
        var role = roleNames.Select(n => Enum.TryParse<Role>(n, out var r) ? r : (Role?)null)
            .Max() ?? Role.Operator;
        var cleared = await db.Clearances.Where(c => c.UserId == userId).Select(c => c.ProductionId).ToArrayAsync(ct);
        return new UserAccess(user.Id, user.Email ?? "", user.DisplayName, role, new Viewer(user.Id, role, cleared), user.Tier);
    }
}
