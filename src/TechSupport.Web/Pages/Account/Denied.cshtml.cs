using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TechSupport.Web.Pages.Account;

// Where the cookie scheme sends a forbidden page request (AccessDeniedPath); it answers 403 so tools see it too.
public sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
