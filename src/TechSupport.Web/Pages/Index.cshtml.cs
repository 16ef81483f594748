using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechSupport.Domain;
using TechSupport.Web.Auth;

namespace TechSupport.Web.Pages;

// Operators start at the log form; engineers and managers at the queue.
public sealed class IndexModel(HttpCurrentUser me) : PageModel
{
    public IActionResult OnGet() => Redirect(me.Role == Role.Operator ? "/faults/new" : "/faults");
}
