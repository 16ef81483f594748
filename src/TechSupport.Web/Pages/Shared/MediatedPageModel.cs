using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechSupport.Application.Abstractions;

namespace TechSupport.Web.Pages.Shared;

// A handler sends its one request; what a page needs only to draw itself (lists for selects, the timeline) is
// loaded when it is about to be rendered, which includes the form shown again after PageErrorFilter caught a
// failed command. A page model's own filter runs outside the global ones, so it sees that filter's result.
public abstract class MediatedPageModel(ISender sender) : PageModel
{
    public const string StatusKey = "Status";

    protected ISender Sender { get; } = sender;

    // Set by a handler whose form binds under a prefix: the mediator names fields as the API does ("name"),
    // and on a page with several forms the error belongs next to the posted form's field ("Suite.Name").
    protected string? FormPrefix { get; set; }

    protected virtual Task LoadAsync(CancellationToken ct) => Task.CompletedTask;

    // Post/redirect/get with a one-line confirmation, read by the layout into a role="status" message.
    protected RedirectResult Done(string message, string? url = null)
    {
        TempData[StatusKey] = message;
        return Redirect(url ?? Request.Path.ToString());
    }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context,
        PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is not PageResult)
        {
            return;
        }

        MoveErrorsUnderPrefix();
        try
        {
            await LoadAsync(HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            // Out here PageErrorFilter no longer sees exceptions, so its two answers are repeated.
            executed.Result = NotFound();
        }
        catch (ForbiddenException)
        {
            executed.Result = Forbid();
        }
    }

    private void MoveErrorsUnderPrefix()
    {
        if (FormPrefix is not { } prefix)
        {
            return;
        }

        var stray = ModelState
            .Where(e => e.Key.Length > 0 && e.Value is { Errors.Count: > 0 }
                && !e.Key.StartsWith(prefix + ".", StringComparison.OrdinalIgnoreCase))
            .Select(e => (e.Key, Messages: e.Value!.Errors.Select(x => x.ErrorMessage).ToList())) // filtered non-null above
            .ToList();
        foreach (var (key, messages) in stray)
        {
            ModelState.Remove(key);
            foreach (var message in messages)
            {
                ModelState.AddModelError($"{prefix}.{key}", message);
            }
        }
    }
}
