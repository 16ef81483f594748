using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Features.Articles;
using TechSupport.Domain;
using TechSupport.Web.Auth;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Articles;

public sealed class EditModel(ISender sender, HttpCurrentUser me) : MediatedPageModel(sender)
{
    private ArticleView? _article;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    // The version the form was drawn from, sent back as ExpectedVersion so a stale form cannot overwrite.
    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public ArticleForm Article { get; set; } = new();

    public ArticleView Current => _article ?? throw new InvalidOperationException("The article is loaded before the page renders.");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (me.Role < Role.Engineer)
        {
            return Forbid();
        }

        _article = await Sender.Send(new ArticleDetails(Id), ct);
        Article = ArticleForm.From(_article);
        Version = _article.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Article);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var article = await Sender.Send(new EditArticle(Id, Article.ToInput(), Version), ct);
        return Done("Article saved", $"/articles/{article.Id}");
    }

    protected override async Task LoadAsync(CancellationToken ct) =>
        _article ??= await Sender.Send(new ArticleDetails(Id), ct);
}
