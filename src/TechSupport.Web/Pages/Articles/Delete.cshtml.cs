using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Features.Articles;
using TechSupport.Domain;
using TechSupport.Web.Auth;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Articles;

// A page of its own asks before deleting, so the confirm step works without JavaScript.
public sealed class DeleteModel(ISender sender, HttpCurrentUser me) : MediatedPageModel(sender)
{
    private ArticleView? _article;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ArticleView Article => _article ?? throw new InvalidOperationException("The article is loaded before the page renders.");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (me.Role < Role.Manager)
        {
            return Forbid();
        }

        _article = await Sender.Send(new ArticleDetails(Id), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var article = await Sender.Send(new ArticleDetails(Id), ct);
        await Sender.Send(new DeleteArticle(Id), ct);
        return Done($"Article “{article.Title}” deleted", "/articles");
    }

    protected override async Task LoadAsync(CancellationToken ct) =>
        _article ??= await Sender.Send(new ArticleDetails(Id), ct);
}
