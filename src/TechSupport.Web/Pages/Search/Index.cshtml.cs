using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Features.Faults;
using TechSupport.Application.Features.Search;
using TechSupport.Search;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Search;

// One box and a GET form, so every search and every narrowing of it is a link that can be shared.
public sealed class IndexModel(ISender sender) : MediatedPageModel(sender)
{
    public static readonly IReadOnlyList<(string Name, string Heading)> FacetGroups =
    [
        ("category", "Category"),
        ("suite", "Suite"),
        ("status", "Status"),
        ("equipment", "Equipment"),
    ];

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "suiteId")]
    public Guid? SuiteId { get; set; }

    [BindProperty(SupportsGet = true, Name = "category")]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "equipment")]
    public string? Equipment { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageSize")]
    public int? PageSize { get; set; }

    public int PageNumber { get; private set; } = 1;

    public SearchView? Results { get; private set; }

    public bool Browsing => string.IsNullOrWhiteSpace(Q);

    public int Size => Paging.Size(PageSize);

    public long PageCount => Results is null ? 0 : Math.Max(1, (Results.Total + Size - 1) / Size);

    public bool Filtered => Kind is { Length: > 0 } || SuiteId is not null || Category is { Length: > 0 }
        || Status is { Length: > 0 } || Equipment is { Length: > 0 };

    // "page" is a route value of every Razor Page, so it is read from the query string only.
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        PageNumber = page ?? 1;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // A fault number typed as such opens that fault; one the caller may not see is searched for like any text (S3).
        if (await Sender.Send(new FaultIdByNumber(Q), ct) is { } id)
        {
            return Redirect($"/faults/{id}");
        }

        Results = await Sender.Send(new SearchKnowledge(Q, Blank(Kind), SuiteId, Blank(Category), Blank(Equipment), Blank(Status),
            page, PageSize), ct);
        return Page();
    }

    public string? Selected(string facet) => facet switch
    {
        "category" => Category,
        "suite" => SuiteId?.ToString(),
        "status" => Status,
        "equipment" => Equipment,
        _ => null,
    };

    public IReadOnlyList<FacetCount> Facet(string name) =>
        Results?.Facets.TryGetValue(name, out var counts) == true ? counts : [];

    public static string Label(string facet, FacetCount entry) => facet switch
    {
        "category" => Labels.OfCategory(entry.Value) ?? entry.Label,
        "status" => Labels.OfStatus(entry.Value) ?? entry.Label,
        _ => entry.Label,
    };

    public static string KindLabel(string kind) => kind switch
    {
        "fault" => "Fault",
        "article" => "Article",
        "configuration" => "Configuration",
        _ => kind,
    };

    public static string? Href(SearchHitView hit) => hit.Kind switch
    {
        "fault" => $"/faults/{hit.Id}",
        "article" => $"/articles/{hit.Id}",
        _ => null,
    };

    // The label of a filter in force, from this page's facets when it is there (a suite's name rather than its id).
    public string ActiveLabel(string facet, string value) =>
        Facet(facet).FirstOrDefault(e => string.Equals(e.Value, value, StringComparison.OrdinalIgnoreCase)) is { } entry
            ? Label(facet, entry)
            : Label(facet, new FacetCount(value, value, 0));

    public string Link(int page = 1, string? facet = null, string? value = null, bool clearFacet = false, string? kind = null,
        bool clearKind = false, bool clearAll = false)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Blank(Q),
            ["kind"] = clearAll || clearKind ? kind : Blank(Kind),
            ["suiteId"] = clearAll ? null : SuiteId?.ToString(),
            ["category"] = clearAll ? null : Blank(Category),
            ["status"] = clearAll ? null : Blank(Status),
            ["equipment"] = clearAll ? null : Blank(Equipment),
            ["pageSize"] = PageSize?.ToString(CultureInfo.InvariantCulture),
            ["page"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null,
        };
        if (facet is not null)
        {
            values[facet == "suite" ? "suiteId" : facet] = clearFacet ? null : value;
        }

        return "/search" + QueryString.Create(values.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
