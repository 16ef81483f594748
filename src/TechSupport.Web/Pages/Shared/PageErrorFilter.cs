using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechSupport.Application.Abstractions;
using TechSupport.Domain;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Web.Pages.Shared;

// Pages translate the same exceptions as the API: bad input back into the form, hidden or absent
// records as 404, a refused action as a message on the page.
public sealed class PageErrorFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled)
        {
            return;
        }

        switch (executed.Exception)
        {
            case NotFoundException:
                executed.Result = new NotFoundResult();
                break;
            case ForbiddenException:
                executed.Result = new ForbidResult();
                break;
            case TooManyRequestsException tooMany:
                context.HttpContext.Response.Headers.RetryAfter = RateLimits.Seconds(tooMany.RetryAfter)
                    .ToString(System.Globalization.CultureInfo.InvariantCulture);
                executed.Result = new StatusCodeResult(StatusCodes.Status429TooManyRequests);
                break;
            case ValidationException v when context.HandlerInstance is PageModel page:
                foreach (var error in v.Errors)
                {
                    page.ModelState.AddModelError(ProblemExceptionHandler.FieldName(error.PropertyName), error.ErrorMessage);
                }

                executed.Result = page.Page();
                break;
            case DomainRuleException or PreconditionFailedException or Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException
                when context.HandlerInstance is PageModel page:
                page.ModelState.AddModelError("", executed.Exception is DomainRuleException
                    ? executed.Exception.Message
                    : "The record was changed by someone else; reload it and try again.");
                executed.Result = page.Page();
                break;
            default:
                return;
        }

        executed.ExceptionHandled = true;
    }
}
