using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Features.Facility;
using TechSupport.Application.Features.Faults;
using TechSupport.Domain;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Faults;

// The engineers' queue: open faults unless a status is asked for; the filters are a GET form so any view
// of the queue is a link that can be shared or bookmarked.
public sealed class QueueModel(ISender sender, TimeProvider clock) : MediatedPageModel(sender)
{
    public const string AnyStatus = "all";

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "suiteId")]
    public Guid? SuiteId { get; set; }

    [BindProperty(SupportsGet = true, Name = "severity")]
    public Severity? Severity { get; set; }

    [BindProperty(SupportsGet = true, Name = "category")]
    public FaultCategory? Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageSize")]
    public int? PageSize { get; set; }

    public int PageNumber { get; private set; } = 1;

    public Page<FaultView>? Faults { get; private set; }

    public IReadOnlyList<SuiteView> Suites { get; private set; } = [];

    public DateTimeOffset Now => clock.GetUtcNow();

    // Most at risk first unless another order is asked for: the queue is worked against the clock.
    public FaultOrder Order => Sort switch
    {
        "severity" => FaultOrder.Severity,
        "newest" => FaultOrder.Newest,
        _ => FaultOrder.Risk,
    };

    public string OrderText => Order switch
    {
        FaultOrder.Severity => "most severe first",
        FaultOrder.Newest => "newest first",
        _ => "most at risk first",
    };

    public int Size => Paging.Size(PageSize);

    public int PageCount => Faults is null ? 0 : Math.Max(1, (Faults.Total + Size - 1) / Size);

    // "page" is a route value of every Razor Page, so it is read from the query string only.
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        PageNumber = page ?? 1;
        FaultStatus[]? statuses = null;
        if (!string.IsNullOrEmpty(Status) && Status != AnyStatus)
        {
            if (!Enum.TryParse<FaultStatus>(Status, ignoreCase: true, out var status) || !Enum.IsDefined(status))
            {
                ModelState.AddModelError("status", "Pick a status from the list.");
            }
            else
            {
                statuses = [status];
            }
        }

        if (Sort is not (null or "" or "risk" or "severity" or "newest"))
        {
            ModelState.AddModelError("sort", "Order by most at risk, most severe or newest.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Faults = await Sender.Send(new FaultList(
            statuses,
            SuiteId,
            Severity is { } severity ? [severity] : null,
            Category is { } category ? [category] : null,
            OpenOnly: string.IsNullOrEmpty(Status),
            Order,
            page,
            PageSize), ct);
        return Page();
    }

    protected override async Task LoadAsync(CancellationToken ct) =>
        Suites = (await Sender.Send(new SuiteList(), ct)).Items;

    public string Link(int page) => "/faults" + QueryString.Create(new Dictionary<string, string?>
    {
        ["status"] = Status,
        ["suiteId"] = SuiteId?.ToString(),
        ["severity"] = Severity?.ToString(),
        ["category"] = Category?.ToString(),
        ["sort"] = Sort,
        ["pageSize"] = PageSize?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    public string Heading => Status switch
    {
        null or "" => "Open faults",
        AnyStatus => "All faults",
        _ => Enum.TryParse<FaultStatus>(Status, true, out var s) ? $"{Labels.Of(s)} faults" : "Faults",
    };
}
