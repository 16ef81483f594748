using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Features.Shared;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

[RequiresRole(Role.Admin)]
public sealed record UserList : IQuery<Page<UserView>>;

public sealed class UserListHandler(TechSupportDbContext db) : IQueryHandler<UserList, Page<UserView>>
{
    public async ValueTask<Page<UserView>> Handle(UserList query, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.Email, u.DisplayName }).ToListAsync(ct);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var clearances = await db.Clearances.Join(db.Productions, c => c.ProductionId, p => p.Id,
                (c, p) => new { c.UserId, p.Id, p.Name })
            .ToListAsync(ct);
        var items = users.Select(u => new UserView(u.Id, u.Email ?? "", u.DisplayName,
                roles.Where(r => r.UserId == u.Id).Select(r => Enum.TryParse<Role>(r.Name, out var x) ? x : Role.Operator)
                    .DefaultIfEmpty(Role.Operator).Max(),
                clearances.Where(c => c.UserId == u.Id).OrderBy(c => c.Name).Select(c => new NamedRef(c.Id, c.Name)).ToList()))
            .ToList();
        return new Page<UserView>(items.Count, items);
    }
}
