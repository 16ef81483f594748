using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TechSupport.Web.Pages;

// Re-executed for any method (a POST to a missing page lands here too), so no antiforgery check.
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Something went wrong";
    public string Text { get; private set; } = "The error was logged. Try again, or tell the support desk.";

    public void OnPost(int? code) => OnGet(code);

    public void OnGet(int? code)
    {
        (Heading, Text) = code switch
        {
            404 => ("Not found", "There is nothing here, or it is not yours to see."),
            403 => ("Not allowed", "Your role may not do this."),
            429 => ("Too many requests", "Wait a minute and try again."),
            _ => (Heading, Text),
        };
    }
}
