using FluentValidation;
using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

[RequiresRole(TechSupport.Domain.Role.Admin)]
public sealed record CreateUser(string? Email, string? Password, string? DisplayName, Role? Role, SupportTier? Tier = null)
    : ICommand<UserView>;

public sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Give an email address.").EmailAddress().MaximumLength(256);
        RuleFor(x => x.Password).NotEmpty().WithMessage("Give a first password.").MaximumLength(128);
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage("Give the name people know them by.").MaximumLength(200);
        RuleFor(x => x.Role).NotNull().WithMessage("Pick a role.").IsInEnum();
        RuleFor(x => x.Tier).SupportTierFor(x => x.Role);
    }
}

public sealed class CreateUserHandler(UserAccounts accounts) : ICommandHandler<CreateUser, UserView>
{
    public async ValueTask<UserView> Handle(CreateUser command, CancellationToken cancellationToken)
    {
        var role = command.Role!.Value;
        var user = await accounts.CreateAsync(command.Email!, command.Password!, command.DisplayName!, role, command.Tier);
        return new UserView(user.Id, user.Email ?? "", user.DisplayName, role, [], UserView.TierOf(role, user.Tier));
    }
}
