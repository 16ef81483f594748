using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Features.Facility;
using TechSupport.Application.Features.Users;
using TechSupport.Domain;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Admin;

public sealed class UsersModel(ISender sender, ICurrentUser me) : MediatedPageModel(sender)
{
    public const string CreateForm = "create";

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    [ModelBinder(typeof(StrictEnumModelBinder))]
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

    // The forms of one user's row (role, account state, password); their errors are kept apart from the create form's.
    [BindProperty]
    public AccountForm Account { get; set; } = new();

    public IReadOnlyList<UserView> Users { get; private set; } = [];

    // Every production, Restricted included: granting a clearance needs no clearance (DESIGN: administration).
    public IReadOnlyList<ProductionListing> Productions { get; private set; } = [];

    public Guid MyId => me.Id;

    // The form whose post failed ("create", or "<form>-<user id>"): its errors are shown beside it, not at the top
    // of a long page.
    public string? FailedForm { get; private set; }

    public bool Failed(string form, Guid userId) => FailedForm == RowForm(form, userId);

    // The first error of a row form's field, once the failed form is known to be that row's.
    public string? ErrorOf(string field) =>
        ModelState.TryGetValue($"{nameof(Account)}.{field}", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    // UserList is the one request of the page; sending it here lets the mediator answer 403 for anyone not Admin.
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Users = (await Sender.Send(new UserList(), ct)).Items;
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        FailedForm = CreateForm;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await Sender.Send(new CreateUser(Email, Password, DisplayName, Role, Tier), ct);
        return Done($"{user.DisplayName} can now sign in as {user.Email}", "/admin/users");
    }

    public async Task<IActionResult> OnPostClearancesAsync(CancellationToken ct)
    {
        Row("clearances", UserId);
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
        Row("tier", UserId);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await Sender.Send(new SetSupportTier(UserId, UserTier), ct);
        return Done($"{user.DisplayName} now works {Labels.Of(user.Tier ?? SupportTier.FirstLine)}", $"/admin/users#user-{user.Id}");
    }

    public Task<IActionResult> OnPostRoleAsync(CancellationToken ct) =>
        RowAsync("role", () => new ChangeRole(Account.UserId, Account.Role), u => $"{u.DisplayName} is now {Article(u.Role)} {u.Role}", ct);

    public Task<IActionResult> OnPostDeactivateAsync(CancellationToken ct) =>
        RowAsync("account", () => new DeactivateUser(Account.UserId), u => $"{u.DisplayName} is deactivated and signed out", ct);

    public Task<IActionResult> OnPostReactivateAsync(CancellationToken ct) =>
        RowAsync("account", () => new ReactivateUser(Account.UserId), u => $"{u.DisplayName} can sign in again", ct);

    public Task<IActionResult> OnPostUnlockAsync(CancellationToken ct) =>
        RowAsync("account", () => new UnlockUser(Account.UserId), u => $"{u.DisplayName} is unlocked and can sign in again", ct);

    public Task<IActionResult> OnPostPasswordAsync(CancellationToken ct) =>
        RowAsync("password", () => new SetPassword(Account.UserId, Account.Password),
            u => $"{u.DisplayName} has a new password; their other sign-ins have ended", ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        if (Users.Count == 0)
        {
            Users = (await Sender.Send(new UserList(), ct)).Items;
        }

        Productions = (await Sender.Send(new AdministeredProductions(), ct)).Items;
    }

    private async Task<IActionResult> RowAsync(string form, Func<ICommand<UserView>> command, Func<UserView, string> done,
        CancellationToken ct)
    {
        Row(form, Account.UserId);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await Sender.Send(command(), ct);
        return Done(done(user), $"/admin/users#user-{user.Id}");
    }

    // The mediator names fields as the API does ("role", "password", "tier"); under the row's prefix they are the
    // row form's errors, never the create form's fields of the same names.
    private void Row(string form, Guid userId)
    {
        FailedForm = RowForm(form, userId);
        FormPrefix = nameof(Account);
    }

    private static string RowForm(string form, Guid userId) => $"{form}-{userId:N}";

    private static string Article(Role role) => role is TechSupport.Domain.Role.Operator or TechSupport.Domain.Role.Engineer
        or TechSupport.Domain.Role.Admin ? "an" : "a";

    public sealed class AccountForm
    {
        public Guid UserId { get; set; }

        [ModelBinder(typeof(StrictEnumModelBinder))]
        public Role? Role { get; set; }

        public string? Password { get; set; }
    }
}
