using System.Text;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Features.Faults;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Faults;

// PC6: the briefing as a page to print or save as PDF for second line or a vendor.
public sealed class BriefingModel(ISender sender) : MediatedPageModel(sender)
{
    private BriefingView? _briefing;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public BriefingView Briefing => _briefing ?? throw new InvalidOperationException("The briefing is loaded before the page renders.");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        _briefing = await Sender.Send(new FaultBriefing(Id), ct);
        return Page();
    }

    // The API's Markdown for someone signed in to the pages (the API takes bearer tokens only), as a file to attach.
    public async Task<IActionResult> OnGetMarkdownAsync(CancellationToken ct)
    {
        var briefing = await Sender.Send(new FaultBriefing(Id), ct);
        return File(Encoding.UTF8.GetBytes(BriefingMarkdown.Render(briefing)), "text/markdown; charset=utf-8",
            $"{briefing.Number}-briefing.md");
    }
}
