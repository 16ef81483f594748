using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Features.Shared;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Articles;

public sealed record ArticleView(
    Guid Id,
    string Title,
    string Symptoms,
    string? Cause,
    string Fix,
    ArticleWorkaroundView? Workaround,
    string? AppliesTo,
    SourceReliability Reliability,
    Classification Classification,
    NamedRef? Production,
    NamedRef? SourceFault,
    // PC8: whether the fix held on the fault it was promoted from (Unverified until the rules or an engineer say).
    Effectiveness? SourceEffectiveness,
    Guid? CopiedFromId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version);

public sealed record ArticleWorkaroundView(string Description, Acceptability Acceptability, string? Conditions);

internal static class ArticleViews
{
    public static async Task<ArticleView> ViewAsync(this TechSupportDbContext db, KnowledgeArticle a, CancellationToken ct) =>
        (await db.ViewsAsync([a], ct))[0];

    // Production names, and source-fault numbers with whether their fix held, for a page of articles in two queries.
    public static async Task<List<ArticleView>> ViewsAsync(this TechSupportDbContext db, IReadOnlyList<KnowledgeArticle> articles,
        CancellationToken ct)
    {
        var productionIds = articles.Select(a => a.ProductionId).OfType<Guid>().Distinct().ToArray();
        var faultIds = articles.Select(a => a.SourceFaultId).OfType<Guid>().Distinct().ToArray();
        var productions = await db.Productions.AsNoTracking().Where(p => productionIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var faults = await db.Faults.AsNoTracking().Where(f => faultIds.Contains(f.Id))
            .Select(f => new { f.Id, f.Number, Effectiveness = f.Resolution == null ? (Effectiveness?)null : f.Resolution.Effectiveness })
            .ToDictionaryAsync(f => f.Id, ct);
        return articles.Select(a => new ArticleView(a.Id, a.Title, a.Symptoms, a.Cause, a.Fix,
            a.Workaround is { } w ? new ArticleWorkaroundView(w, a.WorkaroundAcceptability ?? Acceptability.AcceptableWithConditions,
                a.WorkaroundConditions) : null,
            a.AppliesTo, a.Reliability, a.Classification,
            a.ProductionId is { } p && productions.TryGetValue(p, out var name) ? new NamedRef(p, name) : null,
            a.SourceFaultId is { } f && faults.TryGetValue(f, out var source) ? new NamedRef(f, FaultNumber.Format(source.Number)) : null,
            a.SourceFaultId is { } g && faults.TryGetValue(g, out var held) ? held.Effectiveness : null,
            a.CopiedFromId, a.CreatedAt, a.UpdatedAt, a.Version)).ToList();
    }

    // The article in the route, as the caller may see it (S2, S3).
    public static async Task<KnowledgeArticle> VisibleArticleAsync(this TechSupportDbContext db, ICurrentUser user, Guid id,
        CancellationToken ct) =>
        await db.Articles.Where(AccessPolicy.ArticlesVisibleTo(user.Viewer)).SingleOrDefaultAsync(a => a.Id == id, ct)
        ?? throw new NotFoundException("article");
}
