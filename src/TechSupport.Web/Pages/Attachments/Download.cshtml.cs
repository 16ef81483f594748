using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Attachments;
using TechSupport.Application.Features.Attachments;
using TechSupport.Domain;
using TechSupport.Web.Infrastructure;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Attachments;

// The fault page's download link, for people signed in with a cookie (the API takes bearer tokens only): the same
// file and headers as GET /api/v1/attachments/{id}. What cannot be downloaded is said on a page with its status,
// since a refused download has no form to show the reason beside.
public sealed class DownloadModel(ISender sender, AttachmentStore store, ILogger<DownloadModel> logger) : MediatedPageModel(sender)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public string Problem { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        AttachmentDownload download;
        try
        {
            download = await Sender.Send(new DownloadAttachment(Id), ct);
        }
        catch (ForbiddenException locked)
        {
            return Refused(StatusCodes.Status403Forbidden, locked.Message);
        }

        if (download.PurgedAt is { } purgedAt)
        {
            return Refused(StatusCodes.Status410Gone, AttachmentResponses.Purged(purgedAt));
        }

        try
        {
            await AttachmentResponses.WriteAsync(HttpContext, download, store, logger, ct);
        }
        catch (DomainRuleException damaged)
        {
            return Refused(StatusCodes.Status409Conflict, damaged.Message);
        }

        return new EmptyResult();
    }

    private PageResult Refused(int status, string problem)
    {
        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }
}
