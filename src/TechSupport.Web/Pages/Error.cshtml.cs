using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TechSupport.Web.Pages;

// Re-executed for any method (a POST to a missing page lands here too), so no antiforgery check.
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Something went wrong";
    public string Text { get; private set; } = "The error was logged. Try again, or tell the support desk.";

    // No parameters to bind: the code is read from the route alone, so a POST whose form could not be read (too
    // large) is not read again here.
    public void OnPost() => OnGet();

    public void OnGet()
    {
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), out var value) ? value : (int?)null;
        (Heading, Text) = code switch
        {
            404 => ("Not found", "There is nothing here, or it is not yours to see."),
            403 => ("Not allowed", "Your role may not do this."),
            429 => ("Too many requests", "Wait a minute and try again."),
            // A form that is too large (an upload past its bound), incomplete, or whose antiforgery token expired.
            400 or 413 => ("The request could not be read",
                "It was too large, incomplete, or its form had expired: go back, reload the page and try again with less."),
            _ => (Heading, Text),
        };
    }
}
