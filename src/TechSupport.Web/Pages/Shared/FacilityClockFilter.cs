using Microsoft.AspNetCore.Mvc.Filters;

namespace TechSupport.Web.Pages.Shared;

// Loads the facility's time zone before a page handler runs, so every view of a signed-in user can show times
// on the facility's wall clock. The sign-in and error pages show none and must not need the database.
public sealed class FacilityClockFilter(FacilityClock clock) : IAsyncPageFilter
{
    public async Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        if (context.HttpContext.User.Identity?.IsAuthenticated == true)
        {
            await clock.LoadAsync(context.HttpContext.RequestAborted);
        }
    }

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) => next();
}
