using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Domain;

namespace TechSupport.Web.Infrastructure;

// The one place where exceptions become HTTP answers (STYLE: Errors). Bad input is never a 500.
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationException v => Validation(v.Errors.GroupBy(e => FieldName(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
            BadHttpRequestException b => BadRequest(b),
            NotFoundException n => Problem(StatusCodes.Status404NotFound, n.Message),
            ForbiddenException f => Problem(StatusCodes.Status403Forbidden, f.Message),
            UnauthenticatedException u => Problem(StatusCodes.Status401Unauthorized, u.Message),
            TooManyRequestsException t => Problem(StatusCodes.Status429TooManyRequests, t.Message),
            DomainRuleException d => Problem(StatusCodes.Status409Conflict, d.Message),
            PreconditionFailedException p => Problem(StatusCodes.Status412PreconditionFailed, p.Message),
            DbUpdateConcurrencyException => Problem(StatusCodes.Status409Conflict,
                "The record was changed by someone else; reload it and try again."),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value; // every problem above sets a status
        if (exception is TooManyRequestsException tooMany)
        {
            httpContext.Response.Headers.RetryAfter = RateLimits.Seconds(tooMany.RetryAfter)
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Problem(int status, string title) => new() { Status = status, Title = title };

    private static ValidationProblemDetails Validation(IDictionary<string, string[]> errors) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "One or more fields are not valid.",
    };

    private static ProblemDetails BadRequest(BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return Validation(new Dictionary<string, string[]>
            {
                ["Content-Type"] = ["Send the body as application/json."],
            });
        }

        if (exception.InnerException is JsonException unknown && UnmappedPattern().Match(unknown.Message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups["name"].Value;
            var parent = JsonField(unknown.Path);
            var field = parent == "body" || parent.EndsWith(name, StringComparison.Ordinal) ? name : $"{parent}.{name}";
            return Validation(new Dictionary<string, string[]>
            {
                [field] = ["This field is not part of the request; check its name."],
            });
        }

        if (exception.InnerException is JsonException json)
        {
            var field = JsonField(json.Path);
            return Validation(new Dictionary<string, string[]>
            {
                [field] = [field == "body" ? "The body is not valid JSON." : "This value is not valid here."],
            });
        }

        var parameter = ParameterPattern().Match(exception.Message);
        if (parameter.Success)
        {
            var name = parameter.Groups["name"].Value;
            var field = exception.Message.Contains("from body", StringComparison.Ordinal) ? "body" : name;
            return Validation(new Dictionary<string, string[]>
            {
                [field] = [field == "body" ? "Send a JSON body." : "This value is not valid here."],
            });
        }

        return Validation(new Dictionary<string, string[]> { ["request"] = ["The request could not be read."] });
    }

    // "$.impact.sessionHoursLost" -> "impact.sessionHoursLost"; "$" or nothing -> the body itself.
    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnmappedPattern();

    private static string JsonField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return string.IsNullOrEmpty(field) ? "body" : field;
    }

    // FluentValidation names "Impact.SessionHoursLost"; the API's JSON is camelCase.
    // A segment that is not a word ("P1" in targets.P1.acknowledgeMinutes) keeps its case.
    public static string FieldName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(p => p.Length == 0 || (p.Length > 1 && !char.IsLower(p[1])) ? p
            : char.ToLowerInvariant(p[0]) + p[1..]));

    [GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>[A-Za-z0-9_]+)\"")]
    private static partial Regex ParameterPattern();
}
