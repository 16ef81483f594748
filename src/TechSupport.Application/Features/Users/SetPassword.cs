using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

// For a user who forgot theirs, or whose password may be known to others: the new one must pass Identity's rules,
// and every sign-in of theirs ends at its next request (a new security stamp refuses their cookies and tokens; their
// API sessions are revoked). The password is never stored or audited, only its hash, which the audit trail masks.
[RequiresRole(Role.Admin)]
public sealed record SetPassword(Guid UserId, string? Password) : ICommand<UserView>;

public sealed class SetPasswordValidator : AbstractValidator<SetPassword>
{
    public SetPasswordValidator() =>
        RuleFor(x => x.Password).NotEmpty().WithMessage("Give the new password.").MaximumLength(128);
}

public sealed class SetPasswordHandler(TechSupportDbContext db, UserManager<AppUser> users, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<SetPassword, UserView>
{
    public async ValueTask<UserView> Handle(SetPassword command, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        AccountAdministration.RefuseOwn(user, command.UserId, "password");
        var account = await AccountAdministration.AccountAsync(users, command.UserId);
        // A reset token made and spent at once: Identity's own path, which checks the password rules, stores the
        // hash and moves the security stamp on in one update.
        var token = await users.GeneratePasswordResetTokenAsync(account);
        var reset = await users.ResetPasswordAsync(account, token, command.Password!);
        if (!reset.Succeeded)
        {
            // Identity's messages name the rule broken ("Passwords must have at least one digit").
            throw new ValidationException(reset.Errors.Select(e => new ValidationFailure("password", e.Description)));
        }

        var now = clock.GetUtcNow();
        await db.TokenSessions.Where(s => s.UserId == account.Id && s.RevokedAt == null).ForEachAsync(s => s.RevokedAt = now, ct);
        var role = (await db.AccessAsync(account.Id, ct))!.Role; // the account was just found
        return await db.ViewAsync(user, account, role, now, ct);
    }
}
