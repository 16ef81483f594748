using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

// The user keeps their history (faults, comments, the audit log name them) and signs in no more; their cookie and
// tokens are refused from the next request on, and nothing is sent to them. Deactivating twice keeps the first time.
[RequiresRole(Role.Admin)]
public sealed record DeactivateUser(Guid UserId) : ICommand<UserView>;

public sealed class DeactivateUserHandler(TechSupportDbContext db, UserManager<AppUser> users, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<DeactivateUser, UserView>
{
    public async ValueTask<UserView> Handle(DeactivateUser command, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        AccountAdministration.RefuseOwn(user, command.UserId, "account");
        var account = await AccountAdministration.AccountAsync(users, command.UserId);
        var access = (await db.AccessAsync(account.Id, ct))!; // the account was just found
        var now = clock.GetUtcNow();
        if (account.DeactivatedAt is null)
        {
            if (access.Role == Role.Admin)
            {
                await AccountAdministration.KeepAnAdministratorAsync(db, account.Id, ct);
            }

            account.DeactivatedAt = now;
            // Ends every API sign-in of theirs: a refresh token of one is refused even after a reactivation.
            await db.TokenSessions.Where(s => s.UserId == account.Id && s.RevokedAt == null)
                .ForEachAsync(s => s.RevokedAt = now, ct);
            AccountAdministration.Check(await users.UpdateSecurityStampAsync(account));
        }

        return await db.ViewAsync(user, account, access.Role, now, ct);
    }
}
