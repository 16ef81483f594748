using Microsoft.AspNetCore.Identity;
using TechSupport.Application.Abstractions;
using TechSupport.Domain;

namespace TechSupport.Application.Identity;

// Creating accounts, shared by the admin API, the create-admin command and the demo seeder.
public sealed class UserAccounts(UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, TimeProvider clock)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Enum.GetNames<Role>())
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Ids.New(clock.GetUtcNow()) }), "role");
            }
        }
    }

    public async Task<AppUser> CreateAsync(string email, string password, string displayName, Role role, SupportTier? tier = null)
    {
        await EnsureRolesAsync();
        var normalised = email.Trim();
        if (await users.FindByEmailAsync(normalised) is not null)
        {
            throw Invalid.Field("email", "An account with that email exists already.");
        }

        var user = new AppUser
        {
            Id = Ids.New(clock.GetUtcNow()),
            UserName = normalised,
            Email = normalised,
            EmailConfirmed = true,
            DisplayName = displayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
            Tier = tier,
        };
        var created = await users.CreateAsync(user, password);
        Check(created, "password");
        Check(await users.AddToRoleAsync(user, role.ToString()), "role");
        return user;
    }

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            // Identity's own messages name the rule broken ("Passwords must have at least one digit").
            var failures = result.Errors.Select(e => new FluentValidation.Results.ValidationFailure(
                e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : field,
                e.Description));
            throw new FluentValidation.ValidationException(failures);
        }
    }
}
