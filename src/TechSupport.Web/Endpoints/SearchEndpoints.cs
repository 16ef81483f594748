using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Features.Search;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Web.Endpoints;

public sealed record SuggestionsBody(Guid? SuiteId, Guid? EquipmentId, string? Title, string? Symptoms, int? Limit);

public static class SearchEndpoints
{
    public static void MapSearchEndpoints(this RouteGroupBuilder api)
    {
        var search = api.MapGroup("/search").WithTags("Search");

        search.MapGet("/", async (ISender sender, CancellationToken ct, [FromQuery] string? q, [FromQuery] string? kind,
            [FromQuery] string? suiteId, [FromQuery] string? category, [FromQuery] string? equipment,
            [FromQuery] string? status, [FromQuery] string? page, [FromQuery] string? pageSize) =>
            TypedResults.Ok(await sender.Send(new SearchKnowledge(q, string.IsNullOrWhiteSpace(kind) ? null : kind.Trim(),
                Http.Id(suiteId, "suiteId"), Blank(category), Blank(equipment), Blank(status), Http.Int(page, "page"),
                Http.Int(pageSize, "pageSize")), ct)))
            .WithSummary("Search faults and knowledge articles; an empty q browses all the caller may see, newest first.")
            .RequireRateLimiting(RateLimits.Search);

        search.MapPost("/suggestions", async (SuggestionsBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new Suggestions(body.SuiteId, body.EquipmentId, body.Title, body.Symptoms, body.Limit), ct)))
            .WithSummary("Fixes worth trying while a fault is typed.")
            .RequireRateLimiting(RateLimits.Suggestions);

        api.MapGet("/faults/{id:guid}/similar", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SimilarFaults(id), ct))).WithTags("Faults");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
