using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Features.Shared;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

// The tier an engineer works, so escalations to it reach them (E2); none means first line.
[RequiresRole(Role.Admin)]
public sealed record SetSupportTier(Guid UserId, SupportTier? Tier) : ICommand<UserView>;

public sealed class SetSupportTierValidator : AbstractValidator<SetSupportTier>
{
    public SetSupportTierValidator() => RuleFor(x => x.Tier).IsInEnum().WithMessage(SupportTierRules.Choices)
        .NotEqual(SupportTier.Manager).WithMessage(SupportTierRules.NotManager);
}

public sealed class SetSupportTierHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<SetSupportTier, UserView>
{
    public async ValueTask<UserView> Handle(SetSupportTier command, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var target = await db.AccessAsync(command.UserId, ct) ?? throw new NotFoundException("user");
        if (target.Role != Role.Engineer)
        {
            throw Invalid.Field("tier", SupportTierRules.EngineersOnly);
        }

        var account = await db.Users.SingleAsync(u => u.Id == command.UserId, ct);
        account.Tier = command.Tier;
        var cleared = target.Viewer.ClearedProductionIds;
        var names = await db.ProductionNamesAsync(user, cleared, ct);
        var clearances = cleared.Select(id => new NamedRef(id, names[id])).OrderBy(p => p.Name).ToList();
        return new UserView(target.Id, target.Email, target.DisplayName, target.Role, clearances,
            UserView.TierOf(target.Role, command.Tier), account.DeactivatedAt, UserView.LockedUntil(account.LockoutEnd, clock.GetUtcNow()));
    }
}

public static class SupportTierRules
{
    public const string Choices = "Pick FirstLine, SecondLine or Specialist.";
    public const string NotManager = "The Manager tier comes with the Manager role; an engineer works FirstLine, SecondLine or Specialist.";
    public const string EngineersOnly = "Only engineers work a tier; managers are the Manager tier by their role.";

    // A tier on a new account: only for an engineer, and never Manager.
    public static IRuleBuilderOptions<T, SupportTier?> SupportTierFor<T>(this IRuleBuilder<T, SupportTier?> rule, Func<T, Role?> role) =>
        rule.IsInEnum().WithMessage(Choices)
            .NotEqual(SupportTier.Manager).WithMessage(NotManager)
            .Must((command, tier) => tier is null || role(command) == Role.Engineer).WithMessage(EngineersOnly);
}
