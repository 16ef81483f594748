using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Features.Shared;
using TechSupport.Application.Identity;
using TechSupport.Application.Notifications;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

// Replaces a user's clearances with exactly the productions given (S2).
[RequiresRole(Role.Admin)]
public sealed record SetClearances(Guid UserId, Guid[]? ProductionIds) : ICommand<UserView>;

public sealed class SetClearancesValidator : AbstractValidator<SetClearances>
{
    public SetClearancesValidator() =>
        RuleFor(x => x.ProductionIds).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Give the list of productions (empty clears all).")
            .Must(ids => ids!.Length <= 1_000).WithMessage("At most 1,000 productions.");
}

public sealed class SetClearancesHandler(TechSupportDbContext db, ICurrentUser user, ClearanceNotices notices, TimeProvider clock)
    : ICommandHandler<SetClearances, UserView>
{
    public async ValueTask<UserView> Handle(SetClearances command, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        AccountAdministration.RefuseOwn(user, command.UserId, "clearances");

        var target = await db.AccessAsync(command.UserId, ct) ?? throw new NotFoundException("user");
        var wanted = command.ProductionIds!.Distinct().ToArray();
        // An administrator grants clearances without holding them, so existence is checked without S2 here.
        var existing = await db.Productions.AsNoTracking().CountAsync(p => wanted.Contains(p.Id), ct);
        if (existing != wanted.Length)
        {
            throw Invalid.Field("productionIds", "No such production.");
        }

        var current = await db.Clearances.Where(c => c.UserId == command.UserId).ToListAsync(ct);
        db.Clearances.RemoveRange(current.Where(c => !wanted.Contains(c.ProductionId)));
        var now = clock.GetUtcNow();
        var granted = wanted.Where(id => current.All(c => c.ProductionId != id)).ToArray();
        foreach (var id in granted)
        {
            db.Clearances.Add(new ProductionClearance { UserId = command.UserId, ProductionId = id, GrantedAt = now, GrantedById = user.Id });
        }

        var restricted = await db.Productions.AsNoTracking()
            .Where(p => granted.Contains(p.Id) && p.Classification == Classification.Restricted).ToListAsync(ct);
        await notices.RestrictedClearancesGrantedAsync(restricted, target, user.Name, ct);

        var names = await db.ProductionNamesAsync(user, wanted, ct);
        var productions = wanted.Select(id => new NamedRef(id, names[id])).OrderBy(p => p.Name).ToList();
        var lockoutEnd = await db.Users.Where(u => u.Id == target.Id).Select(u => u.LockoutEnd).SingleAsync(ct);
        return new UserView(target.Id, target.Email, target.DisplayName, target.Role, productions,
            UserView.TierOf(target.Role, target.Tier), target.DeactivatedAt, UserView.LockedUntil(lockoutEnd, now));
    }
}
