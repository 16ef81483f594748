using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Features.Faults;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Faults;

// /faults/TS-31 as people type and say it opens that fault; one they may not see is not found (S3).
public sealed class NumberModel(ISender sender) : MediatedPageModel(sender)
{
    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct) =>
        await Sender.Send(new FaultIdByNumber(number), ct) is { } id ? Redirect($"/faults/{id}") : NotFound();
}
