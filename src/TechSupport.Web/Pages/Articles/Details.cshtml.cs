using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Features.Articles;
using TechSupport.Domain;
using TechSupport.Web.Auth;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Articles;

public sealed class DetailsModel(ISender sender, HttpCurrentUser me) : MediatedPageModel(sender)
{
    private ArticleView? _article;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    // The Standard copy starts as the article's own text, for the manager to take the confidential parts out.
    [BindProperty]
    public ArticleForm Copy { get; set; } = new();

    public ArticleView Article => _article ?? throw new InvalidOperationException("The article is loaded before the page renders.");

    public bool CanEdit => me.Role >= Role.Engineer;

    public bool CanManage => me.Role >= Role.Manager;

    public bool CanPublishCopy => CanManage && Article.Classification != Classification.Standard;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        _article = await Sender.Send(new ArticleDetails(Id), ct);
        Copy = ArticleForm.From(_article);
        return Page();
    }

    public async Task<IActionResult> OnPostCopyAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Copy);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var copy = await Sender.Send(new PublishStandardCopy(Id, Copy.ToInput()), ct);
        return Done("Standard copy published; the original keeps its classification", $"/articles/{copy.Id}");
    }

    protected override async Task LoadAsync(CancellationToken ct) =>
        _article ??= await Sender.Send(new ArticleDetails(Id), ct);
}
