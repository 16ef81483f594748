using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechSupport.Application.Features.Articles;
using TechSupport.Domain;

namespace TechSupport.Web.Endpoints;

public sealed record ArticleWorkaroundBody(string? Description, Acceptability? Acceptability, string? Conditions);

public sealed record ArticleBody(string? Title, string? Symptoms, string? Cause, string? Fix, ArticleWorkaroundBody? Workaround,
    string? AppliesTo, SourceReliability? Reliability, Guid? ProductionId)
{
    public ArticleInput Input() =>
        new(Title, Symptoms, Cause, Fix, Workaround?.Description, Workaround?.Acceptability, Workaround?.Conditions, AppliesTo,
            Reliability);
}

public static class ArticleEndpoints
{
    public static void MapArticleEndpoints(this RouteGroupBuilder api)
    {
        var articles = api.MapGroup("/articles").WithTags("Knowledge articles");

        articles.MapGet("/", async (ISender sender, CancellationToken ct, string? page, string? pageSize) =>
            TypedResults.Ok(await sender.Send(new ArticleList(Http.Int(page, "page"), Http.Int(pageSize, "pageSize")), ct)));
        articles.MapGet("/{id:guid}", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            var article = await sender.Send(new ArticleDetails(id), ct);
            http.Response.Headers.ETag = Http.ETag(article.Version);
            return TypedResults.Ok(article);
        });
        articles.MapPost("/", async (ArticleBody body, ISender sender, CancellationToken ct) =>
        {
            var article = await sender.Send(new WriteArticle(body.Input(), body.ProductionId), ct);
            return TypedResults.Created($"/api/v1/articles/{article.Id}", article);
        });
        articles.MapPut("/{id:guid}", async (Guid id, ArticleBody body, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            var article = await sender.Send(new EditArticle(id, body.Input(), Http.IfMatch(http.Request)), ct);
            http.Response.Headers.ETag = Http.ETag(article.Version);
            return TypedResults.Ok(article);
        });
        articles.MapDelete("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new DeleteArticle(id), ct);
            return TypedResults.NoContent();
        });
        articles.MapPost("/{id:guid}/standard-copy", async (Guid id, ArticleBody body, ISender sender, CancellationToken ct) =>
        {
            var copy = await sender.Send(new PublishStandardCopy(id, body.Input()), ct);
            return TypedResults.Created($"/api/v1/articles/{copy.Id}", copy);
        }).WithSummary("Publish an edited copy of a classified article as Standard; the original stays as it was.");

        api.MapPost("/faults/{id:guid}/promote", async Task<Results<Created<ArticleView>, Ok<ArticleView>>> (Guid id, ISender sender,
            HttpContext http, CancellationToken ct) =>
        {
            var promoted = await sender.Send(new PromoteFault(id), ct);
            var location = $"/api/v1/articles/{promoted.Article.Id}";
            if (!promoted.AlreadyExisted)
            {
                return TypedResults.Created(location, promoted.Article);
            }

            // Nothing was made, so not 201; the Location still says where the one article is.
            http.Response.Headers.Location = location;
            return TypedResults.Ok(promoted.Article);
        }).WithTags("Faults").WithSummary("Make a knowledge article from a resolved fault; a fault that has one answers it.");
    }
}
