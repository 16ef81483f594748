using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Articles;

public sealed record ArticleList(int? Page = null, int? PageSize = null) : IQuery<Page<ArticleView>>;

public sealed class ArticleListValidator : AbstractValidator<ArticleList>
{
    public ArticleListValidator()
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1).WithMessage("Pages count from 1.");
        RuleFor(x => x.PageSize).GreaterThanOrEqualTo(1).WithMessage("The page size must be at least 1.");
    }
}

public sealed class ArticleListHandler(TechSupportDbContext db, ICurrentUser user) : IQueryHandler<ArticleList, Page<ArticleView>>
{
    public async ValueTask<Page<ArticleView>> Handle(ArticleList query, CancellationToken cancellationToken)
    {
        var articles = db.Articles.AsNoTracking().Where(AccessPolicy.ArticlesVisibleTo(user.Viewer));
        var total = await articles.CountAsync(cancellationToken);
        var page = await articles.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id)
            .Skip(Paging.Skip(query.Page, query.PageSize)).Take(Paging.Size(query.PageSize)).ToListAsync(cancellationToken);
        return new Page<ArticleView>(total, await db.ViewsAsync(page, cancellationToken));
    }
}

public sealed record ArticleDetails(Guid Id) : IQuery<ArticleView>;

public sealed class ArticleDetailsHandler(TechSupportDbContext db, ICurrentUser user, ReadAudit reads)
    : IQueryHandler<ArticleDetails, ArticleView>
{
    public async ValueTask<ArticleView> Handle(ArticleDetails query, CancellationToken cancellationToken)
    {
        var article = await db.VisibleArticleAsync(user, query.Id, cancellationToken);
        await reads.RecordAsync(article.Classification, nameof(Domain.KnowledgeArticle), article.Id, "article", cancellationToken);
        return await db.ViewAsync(article, cancellationToken);
    }
}
