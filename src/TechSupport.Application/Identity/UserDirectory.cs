using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Identity;

public sealed record UserAccess(Guid Id, string Email, string DisplayName, Role Role, Viewer Viewer, SupportTier? Tier = null,
    DateTimeOffset? DeactivatedAt = null)
{
    // A deactivated user keeps their history and can be reactivated; meanwhile they sign in no more, their
    // cookie and tokens are refused, and nothing is sent to them or given to them.
    public bool Active => DeactivatedAt is null;
}

public static class UserDirectory
{
    // A user's role, clearances and state as they stand now; null when the user does not exist.
    public static async Task<UserAccess?> AccessAsync(this TechSupportDbContext db, Guid userId, CancellationToken ct) =>
        (await db.AccessesAsync([userId], ct)).SingleOrDefault();

    // The same for several users in three queries, whatever their number (a tier's notifications).
    public static async Task<List<UserAccess>> AccessesAsync(this TechSupportDbContext db, IReadOnlyCollection<Guid> userIds,
        CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Tier, u.DeactivatedAt }).ToListAsync(ct);
        if (users.Count == 0)
        {
            return [];
        }

        var roleNames = await db.UserRoles.Where(ur => userIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        var clearances = await db.Clearances.Where(c => userIds.Contains(c.UserId)).Select(c => new { c.UserId, c.ProductionId })
            .ToListAsync(ct);
        return users.Select(user =>
        {
            var role = roleNames.Where(r => r.UserId == user.Id)
                .Select(r => Enum.TryParse<Role>(r.Name, out var parsed) ? parsed : (Role?)null).Max() ?? Role.Operator;
            var cleared = clearances.Where(c => c.UserId == user.Id).Select(c => c.ProductionId).ToArray();
            return new UserAccess(user.Id, user.Email ?? "", user.DisplayName, role, new Viewer(user.Id, role, cleared), user.Tier,
                user.DeactivatedAt);
        }).ToList();
    }
}
