using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace TechSupport.Web.Infrastructure;

// Gives bodiless API errors a problem-details body. A wrong content type is bad input like any
// other (400 naming the header), not 415, so clients handle one shape.
public static class ApiStatusCodes
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        ProblemDetails problem = http.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType
            ? new ValidationProblemDetails(new Dictionary<string, string[]>
            {
                ["Content-Type"] = ["Send the body as application/json."],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are not valid.",
            }
            : new ProblemDetails { Status = http.Response.StatusCode };
        http.Response.StatusCode = problem.Status!.Value;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
