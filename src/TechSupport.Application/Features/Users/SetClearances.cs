using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Features.Shared;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

// Replaces a user's clearances with exactly the productions given (S2).
[RequiresRole(Role.Admin)]
public sealed record SetClearances(Guid UserId, Guid[]? ProductionIds) : ICommand<UserView>;

public sealed class SetClearancesValidator : AbstractValidator<SetClearances>
{
    public SetClearancesValidator() =>
        RuleFor(x => x.ProductionIds).NotNull().WithMessage("Give the list of productions (empty clears all).")
            .Must(ids => ids!.Length <= 1_000).WithMessage("At most 1,000 productions.");
}

public sealed class SetClearancesHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<SetClearances, UserView>
{
    public async ValueTask<UserView> Handle(SetClearances command, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var target = await db.AccessAsync(command.UserId, ct) ?? throw new NotFoundException("user");
        var wanted = command.ProductionIds!.Distinct().ToArray();
        // An administrator grants clearances without holding them, so existence is checked without S2 here.
        var productions = await db.Productions.AsNoTracking().Where(p => wanted.Contains(p.Id))
            .OrderBy(p => p.Name).Select(p => new NamedRef(p.Id, p.Name)).ToListAsync(ct);
        if (productions.Count != wanted.Length)
        {
            throw Invalid.Field("productionIds", "No such production.");
        }

        var existing = await db.Clearances.Where(c => c.UserId == command.UserId).ToListAsync(ct);
        db.Clearances.RemoveRange(existing.Where(c => !wanted.Contains(c.ProductionId)));
        var now = clock.GetUtcNow();
        foreach (var id in wanted.Where(id => existing.All(c => c.ProductionId != id)))
        {
            db.Clearances.Add(new ProductionClearance { UserId = command.UserId, ProductionId = id, GrantedAt = now, GrantedById = user.Id });
        }

        return new UserView(target.Id, target.Email, target.DisplayName, target.Role, productions);
    }
}
