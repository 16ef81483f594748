using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Features.Shared;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

[RequiresRole(Role.Admin)]
public sealed record UserList : IQuery<Page<UserView>>;

public sealed class UserListHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : IQueryHandler<UserList, Page<UserView>>
{
    public async ValueTask<Page<UserView>> Handle(UserList query, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Tier, u.DeactivatedAt, u.LockoutEnd }).ToListAsync(ct);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var clearances = await db.Clearances.Select(c => new { c.UserId, Id = c.ProductionId }).ToListAsync(ct);
        var names = await db.ProductionNamesAsync(user, clearances.Select(c => c.Id), ct);
        var now = clock.GetUtcNow();
        var items = users.Select(u =>
            {
                var role = roles.Where(r => r.UserId == u.Id).Select(r => Enum.TryParse<Role>(r.Name, out var x) ? x : Role.Operator)
                    .DefaultIfEmpty(Role.Operator).Max();
                return new UserView(u.Id, u.Email ?? "", u.DisplayName, role,
                    clearances.Where(c => c.UserId == u.Id).Select(c => new NamedRef(c.Id, names[c.Id])).OrderBy(c => c.Name)
                        .ToList(),
                    UserView.TierOf(role, u.Tier), u.DeactivatedAt, UserView.LockedUntil(u.LockoutEnd, now));
            })
            .ToList();
        return new Page<UserView>(items.Count, items);
    }
}
