using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

// The new role counts from the user's next request: their security stamp moves on, so the cookie and tokens issued
// with the old role are refused then (CurrentUserMiddleware) and they sign in again as what they are now.
[RequiresRole(TechSupport.Domain.Role.Admin)]
public sealed record ChangeRole(Guid UserId, Role? Role) : ICommand<UserView>;

public sealed class ChangeRoleValidator : AbstractValidator<ChangeRole>
{
    public ChangeRoleValidator() =>
        RuleFor(x => x.Role).NotNull().WithMessage("Pick a role: Operator, Engineer, Manager or Admin.").IsInEnum();
}

public sealed class ChangeRoleHandler(TechSupportDbContext db, UserManager<AppUser> users, UserAccounts accounts, ICurrentUser user,
    TimeProvider clock) : ICommandHandler<ChangeRole, UserView>
{
    public async ValueTask<UserView> Handle(ChangeRole command, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        AccountAdministration.RefuseOwn(user, command.UserId, "role");
        var account = await AccountAdministration.AccountAsync(users, command.UserId);
        var role = command.Role!.Value;
        var current = (await db.AccessAsync(account.Id, ct))!.Role; // the account was just found
        if (current != role)
        {
            if (current == Role.Admin && account.DeactivatedAt is null)
            {
                await AccountAdministration.KeepAnAdministratorAsync(db, account.Id, ct);
            }

            await accounts.EnsureRolesAsync();
            AccountAdministration.Check(await users.RemoveFromRolesAsync(account, await users.GetRolesAsync(account)));
            AccountAdministration.Check(await users.AddToRoleAsync(account, role.ToString()));
            // A tier is an engineer's; it does not wait for them to come back to the role.
            if (role != Role.Engineer)
            {
                account.Tier = null;
            }

            AccountAdministration.Check(await users.UpdateSecurityStampAsync(account));
        }

        return await db.ViewAsync(user, account, role, clock.GetUtcNow(), ct);
    }
}
