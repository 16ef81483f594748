using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Features.Articles;
using TechSupport.Domain;
using TechSupport.Web.Auth;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Articles;

public sealed class IndexModel(ISender sender, HttpCurrentUser me) : MediatedPageModel(sender)
{
    [BindProperty(SupportsGet = true, Name = "pageSize")]
    public int? PageSize { get; set; }

    public int PageNumber { get; private set; } = 1;

    public Page<ArticleView>? Articles { get; private set; }

    public bool CanWrite => me.Role >= Role.Engineer;

    public int Size => Paging.Size(PageSize);

    public int PageCount => Articles is null ? 0 : Math.Max(1, (Articles.Total + Size - 1) / Size);

    // "page" is a route value of every Razor Page, so it is read from the query string only.
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        PageNumber = page ?? 1;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Articles = await Sender.Send(new ArticleList(page, PageSize), ct);
        return Page();
    }

    public string Link(int page) => "/articles" + QueryString.Create(new Dictionary<string, string?>
    {
        ["pageSize"] = PageSize?.ToString(CultureInfo.InvariantCulture),
        ["page"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
