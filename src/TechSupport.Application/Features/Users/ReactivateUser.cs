using Mediator;
using Microsoft.AspNetCore.Identity;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

// The user signs in again with their password; the cookies and tokens they held when deactivated stay dead, as
// deactivation moved their security stamp on.
[RequiresRole(Role.Admin)]
public sealed record ReactivateUser(Guid UserId) : ICommand<UserView>;

public sealed class ReactivateUserHandler(TechSupportDbContext db, UserManager<AppUser> users, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<ReactivateUser, UserView>
{
    public async ValueTask<UserView> Handle(ReactivateUser command, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        AccountAdministration.RefuseOwn(user, command.UserId, "account");
        var account = await AccountAdministration.AccountAsync(users, command.UserId);
        account.DeactivatedAt = null;
        var role = (await db.AccessAsync(account.Id, ct))!.Role; // the account was just found
        return await db.ViewAsync(user, account, role, clock.GetUtcNow(), ct);
    }
}
