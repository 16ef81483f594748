using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Features.Facility;
using TechSupport.Domain;
using TechSupport.Web.Auth;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Admin;

// Suites, equipment and productions. Who may change them is the mediator's decision (403 for the rest);
// the forms are only drawn for the roles that may use them.
public sealed class IndexModel(ISender sender, HttpCurrentUser me, FacilityClock clock) : MediatedPageModel(sender)
{
    [BindProperty]
    public SuiteForm Suite { get; set; } = new();

    [BindProperty]
    public EquipmentForm Equipment { get; set; } = new();

    [BindProperty]
    public ProductionForm Production { get; set; } = new();

    public IReadOnlyList<SuiteView> Suites { get; private set; } = [];

    public IReadOnlyList<ProductionView> Productions { get; private set; } = [];

    public bool CanChange => me.Role >= Role.Manager;

    public bool IsAdmin => me.Role >= Role.Admin;

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostSuiteAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Suite);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var suite = await Sender.Send(new CreateSuite(Suite.Name, Suite.SuiteType), ct);
        return Done($"Suite {suite.Name} created", "/admin#suites");
    }

    public async Task<IActionResult> OnPostEquipmentAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Equipment);
        if (Equipment.SuiteId is null)
        {
            ModelState.AddModelError("Equipment.SuiteId", "Pick the suite the equipment is in.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var e = Equipment;
        var item = await Sender.Send(new AddEquipment(e.SuiteId!.Value, e.Kind, e.Make, e.Model, e.Serial, e.Firmware), ct);
        return Done($"{item.Name} added", "/admin#suites");
    }

    public async Task<IActionResult> OnPostProductionAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Production);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var p = Production;
        // The form takes the facility's wall time; the API and the database keep the instant in UTC.
        var reading = p.DeliveryDeadline is { } wall ? clock.FromWall(wall) : default;
        if (p.DeliveryDeadline is { } skipped && reading.Instant is null)
        {
            ModelState.AddModelError("Production.DeliveryDeadline",
                $"{Wall(skipped)} does not happen in {clock.Zone.Id}: the clocks go forward then. Give a time after the change.");
            return Page();
        }

        var production = await Sender.Send(new CreateProduction(p.Name, p.Classification, p.DeliverableSpec.ToSpec(), reading.Instant), ct);
        var created = $"Production {production.Name} created";
        return Done(reading.Repeated && p.DeliveryDeadline is { } repeated
            ? $"{created}. {Wall(repeated)} happens twice when the clocks go back; the deadline is the first, {clock.When(reading.Instant!.Value)}." // Repeated readings carry an instant
            : created, "/admin#productions");
    }

    private static string Wall(DateTime wall) => wall.ToString("HH:mm 'on' d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Suites = (await Sender.Send(new SuiteList(), ct)).Items;
        Productions = (await Sender.Send(new ProductionList(), ct)).Items;
    }

    public sealed class SuiteForm
    {
        public string? Name { get; set; }

        public SuiteType? SuiteType { get; set; }
    }

    public sealed class EquipmentForm
    {
        public Guid? SuiteId { get; set; }

        public EquipmentKind? Kind { get; set; }

        public string? Make { get; set; }

        public string? Model { get; set; }

        public string? Serial { get; set; }

        public string? Firmware { get; set; }
    }

    public sealed class ProductionForm
    {
        public string? Name { get; set; }

        public Classification? Classification { get; set; }

        public SpecForm DeliverableSpec { get; set; } = new();

        public DateTime? DeliveryDeadline { get; set; }
    }

    public sealed class SpecForm
    {
        public string? Resolution { get; set; }

        public string? FrameRate { get; set; }

        public string? Codec { get; set; }

        public string? Wrapper { get; set; }

        public string? ColourSpace { get; set; }

        public string? Transfer { get; set; }

        public string? LoudnessTarget { get; set; }

        public string? BitDepth { get; set; }

        public string? SampleRate { get; set; }

        public DeliverableSpec? ToSpec() =>
            new[] { Resolution, FrameRate, Codec, Wrapper, ColourSpace, Transfer, LoudnessTarget, BitDepth, SampleRate }
                .All(string.IsNullOrWhiteSpace)
                ? null
                : new DeliverableSpec(Resolution, FrameRate, Codec, Wrapper, ColourSpace, Transfer, LoudnessTarget, BitDepth, SampleRate);
    }
}
