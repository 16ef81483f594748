using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Features.Facility;
using TechSupport.Application.Features.Users;
using TechSupport.Domain;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Admin;

public sealed class UsersModel(ISender sender) : MediatedPageModel(sender)
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public Role? Role { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public SupportTier? Tier { get; set; }

    [BindProperty]
    public SupportTier? UserTier { get; set; }

    public static IReadOnlyList<SupportTier> EngineerTiers { get; } = [SupportTier.FirstLine, SupportTier.SecondLine, SupportTier.Specialist];

    [BindProperty]
    public Guid UserId { get; set; }

    [BindProperty]
    public Guid[] ProductionIds { get; set; } = [];

    public IReadOnlyList<UserView> Users { get; private set; } = [];

    // Every production, Restricted included: granting a clearance needs no clearance (DESIGN: administration).
    public IReadOnlyList<ProductionListing> Productions { get; private set; } = [];

    // UserList is the one request of the page; sending it here lets the mediator answer 403 for anyone not Admin.
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Users = (await Sender.Send(new UserList(), ct)).Items;
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await Sender.Send(new CreateUser(Email, Password, DisplayName, Role, Tier), ct);
        return Done($"{user.DisplayName} can now sign in as {user.Email}", "/admin/users");
    }

    public async Task<IActionResult> OnPostClearancesAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await Sender.Send(new SetClearances(UserId, ProductionIds), ct);
        return Done(user.Clearances.Count == 0
            ? $"{user.DisplayName} now has no clearances"
            : $"{user.DisplayName} is cleared for {string.Join(", ", user.Clearances.Select(c => c.Name))}",
            $"/admin/users#user-{user.Id}");
    }

    public async Task<IActionResult> OnPostTierAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await Sender.Send(new SetSupportTier(UserId, UserTier), ct);
        return Done($"{user.DisplayName} now works {Labels.Of(user.Tier ?? SupportTier.FirstLine)}", $"/admin/users#user-{user.Id}");
    }

    protected override async Task LoadAsync(CancellationToken ct)
    {
        if (Users.Count == 0)
        {
            Users = (await Sender.Send(new UserList(), ct)).Items;
        }

        Productions = (await Sender.Send(new AdministeredProductions(), ct)).Items;
    }
}
