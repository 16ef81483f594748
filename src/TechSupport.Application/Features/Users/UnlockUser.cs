using Mediator;
using Microsoft.AspNetCore.Identity;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

// Ends a lockout after failed sign-ins before its 15 minutes are up, and forgets the failures counted so far.
[RequiresRole(Role.Admin)]
public sealed record UnlockUser(Guid UserId) : ICommand<UserView>;

public sealed class UnlockUserHandler(TechSupportDbContext db, UserManager<AppUser> users, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<UnlockUser, UserView>
{
    public async ValueTask<UserView> Handle(UnlockUser command, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        AccountAdministration.RefuseOwn(user, command.UserId, "account");
        var account = await AccountAdministration.AccountAsync(users, command.UserId);
        account.LockoutEnd = null;
        account.AccessFailedCount = 0;
        var role = (await db.AccessAsync(account.Id, ct))!.Role; // the account was just found
        return await db.ViewAsync(user, account, role, clock.GetUtcNow(), ct);
    }
}
