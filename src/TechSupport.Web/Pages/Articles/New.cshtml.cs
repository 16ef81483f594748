using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Features.Articles;
using TechSupport.Application.Features.Facility;
using TechSupport.Domain;
using TechSupport.Web.Auth;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Articles;

public sealed class NewModel(ISender sender, HttpCurrentUser me) : MediatedPageModel(sender)
{
    [BindProperty]
    public ArticleForm Article { get; set; } = new();

    public IReadOnlyList<ProductionView> Productions { get; private set; } = [];

    // Engineers and above write articles; anyone else who follows a stale link gets the 403 page, not a form.
    public IActionResult OnGet() => me.Role >= Role.Engineer ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Article);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var article = await Sender.Send(new WriteArticle(Article.ToInput(), Article.ProductionId), ct);
        return Done("Article published", $"/articles/{article.Id}");
    }

    protected override async Task LoadAsync(CancellationToken ct) =>
        Productions = (await Sender.Send(new ProductionList(), ct)).Items;
}
