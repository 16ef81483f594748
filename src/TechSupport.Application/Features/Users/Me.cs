using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Features.Shared;

namespace TechSupport.Application.Features.Users;

public sealed record Me : IQuery<UserView>;

public sealed class MeHandler(TechSupportDbContext db, ICurrentUser user) : IQueryHandler<Me, UserView>
{
    public async ValueTask<UserView> Handle(Me query, CancellationToken cancellationToken)
    {
        var me = await db.Users.Where(u => u.Id == user.Id).Select(u => new { u.Email, u.Tier }).SingleAsync(cancellationToken);
        var cleared = user.Viewer.ClearedProductionIds;
        var clearances = await db.Productions.AsNoTracking().Where(p => cleared.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new NamedRef(p.Id, p.Name)).ToListAsync(cancellationToken);
        return new UserView(user.Id, me.Email ?? "", user.Name, user.Role, clearances, UserView.TierOf(user.Role, me.Tier));
    }
}
