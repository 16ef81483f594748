using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Features.Facility;
using TechSupport.Application.Features.Faults;
using TechSupport.Application.Features.Search;
using TechSupport.Domain;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Faults;

public sealed class NewModel(ISender sender) : MediatedPageModel(sender)
{
    // Operators log from the same suite most of the time; the cookie only preselects, it decides nothing.
    public const string SuiteCookie = "ts-suite";

    [BindProperty]
    public Guid? SuiteId { get; set; }

    [BindProperty]
    public Guid? EquipmentId { get; set; }

    [BindProperty]
    public Guid? ProductionId { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Symptoms { get; set; }

    [BindProperty]
    public WorkflowStage? WorkflowStage { get; set; }

    [BindProperty]
    public FaultCategory? Category { get; set; }

    [BindProperty]
    public Severity? Severity { get; set; }

    [BindProperty]
    public ImpactForm Impact { get; set; } = new();

    [BindProperty]
    public bool HealthAndSafety { get; set; }

    [BindProperty]
    public bool SecurityIncident { get; set; }

    public IReadOnlyList<SuiteView> Suites { get; private set; } = [];

    public IReadOnlyList<ProductionView> Productions { get; private set; } = [];

    public IReadOnlyList<SuiteView> OutOfService => [.. Suites.Where(s => s.OutOfServiceSince is not null)];

    public KnownFixesPanel KnownFixes { get; private set; } = KnownFixesPanel.NotAsked;

    public IActionResult OnGet() => Page();

    // "Find known fixes" without JavaScript: the same form drawn again with the panel filled; nothing is logged.
    public async Task<IActionResult> OnPostSuggestAsync(CancellationToken ct)
    {
        KnownFixes = await FindKnownFixesAsync(ct);
        return Page();
    }

    // The script's request while the operator types: only the panel, posted with the form's antiforgery token.
    // A POST rather than a GET keeps the typed symptoms out of URLs and request logs.
    public async Task<IActionResult> OnPostKnownFixesAsync(CancellationToken ct) =>
        Partial("_KnownFixes", await FindKnownFixesAsync(ct));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var fault = await Sender.Send(new LogFault(SuiteId, EquipmentId, ProductionId, Title, Symptoms, WorkflowStage,
            Category, Severity, Impact.ToInput(), HealthAndSafety, SecurityIncident), ct);

        if (fault.Suite is { } suite)
        {
            Response.Cookies.Append(SuiteCookie, suite.Id.ToString(), new CookieOptions
            {
                Path = "/faults",
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = Request.IsHttps,
                MaxAge = TimeSpan.FromDays(180),
            });
        }

        return Done($"Fault {fault.Number} logged", $"/faults/{fault.Id}");
    }

    private async Task<KnownFixesPanel> FindKnownFixesAsync(CancellationToken ct)
    {
        var hadText = !string.IsNullOrWhiteSpace(Title) || !string.IsNullOrWhiteSpace(Symptoms);
        var suggestions = hadText ? await Sender.Send(new Suggestions(SuiteId, EquipmentId, Title, Symptoms), ct) : null;
        return new KnownFixesPanel(true, hadText, suggestions);
    }

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Suites = (await Sender.Send(new SuiteList(), ct)).Items;
        Productions = (await Sender.Send(new ProductionList(), ct)).Items;
        // E4: a suite out of service is never the default, however often the operator logged from it.
        if (SuiteId is null && Guid.TryParse(Request.Cookies[SuiteCookie], out var remembered)
            && Suites.Any(s => s.Id == remembered && s.OutOfServiceSince is null))
        {
            SuiteId = remembered;
        }
    }

    public sealed class ImpactForm
    {
        public decimal? SessionHoursLost { get; set; }

        public decimal? EstimatedCost { get; set; }

        public bool DeadlineAtRisk { get; set; }

        public ImpactInput? ToInput() =>
            SessionHoursLost is null && EstimatedCost is null && !DeadlineAtRisk
                ? null
                : new ImpactInput(SessionHoursLost, EstimatedCost, DeadlineAtRisk);
    }
}
