using Microsoft.AspNetCore.Identity;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Web.Auth;

// Identity:RequireMfaForRoles: the roles whose users must sign in with a second factor and enrol an
// authenticator on their first sign-in. Users marked exempt (the demo users) sign in with the password alone.
public sealed class MfaRequirement(IReadOnlySet<Role> roles)
{
    public const string Key = "Identity:RequireMfaForRoles";
    private const string Default = "Admin,Manager";

    public IReadOnlySet<Role> Roles { get; } = roles;

    public static MfaRequirement From(IConfiguration config)
    {
        // An empty value (not a missing one) means nobody is required.
        var names = (config[Key] ?? Default).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var roles = new HashSet<Role>();
        foreach (var name in names)
        {
            // Names only: Enum.TryParse would take "3" or "Admin, Manager" as a role too.
            var role = Enum.GetNames<Role>().FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException(
                    $"{Key} lists '{name}', which is not a role; use a comma-separated list of {string.Join(", ", Enum.GetNames<Role>())}, or leave it empty for nobody.");
            roles.Add(Enum.Parse<Role>(role));
        }

        return new MfaRequirement(roles);
    }

    public bool RequiredFor(Role role) => Roles.Contains(role);

    public async Task<bool> IsRequiredAsync(UserManager<AppUser> users, AppUser user) =>
        !user.MfaExempt && Roles.Count > 0
        && (await users.GetRolesAsync(user)).Any(name => Enum.TryParse<Role>(name, out var role) && RequiredFor(role));

    // "admins and managers", for the sign-in page.
    public string Describe()
    {
        var words = Enum.GetValues<Role>().Where(RequiredFor).OrderDescending().Select(r => r.ToString().ToLowerInvariant() + "s").ToList();
        return words.Count <= 1 ? string.Concat(words) : $"{string.Join(", ", words[..^1])} and {words[^1]}";
    }
}
