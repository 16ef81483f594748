using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Features.Shared;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

// The staff a fault can be given to: engineers and above, while their account is active.
[RequiresRole(Role.Engineer)]
public sealed record Assignees : IQuery<Page<NamedRef>>;

public sealed class AssigneesHandler(TechSupportDbContext db) : IQueryHandler<Assignees, Page<NamedRef>>
{
    private static readonly string[] StaffRoles = [nameof(Role.Engineer), nameof(Role.Manager), nameof(Role.Admin)];

    public async ValueTask<Page<NamedRef>> Handle(Assignees query, CancellationToken cancellationToken)
    {
        var items = await db.Users.AsNoTracking()
            .Where(u => u.DeactivatedAt == null && db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && StaffRoles.Contains(r.Name!))))
            .OrderBy(u => u.DisplayName).Select(u => new NamedRef(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
        return new Page<NamedRef>(items.Count, items);
    }
}
