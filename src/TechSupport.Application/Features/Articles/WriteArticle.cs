using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Articles;

[RequiresRole(Role.Engineer)]
public sealed record WriteArticle(ArticleInput Article, Guid? ProductionId) : ICommand<ArticleView>;

public sealed class WriteArticleValidator : AbstractValidator<WriteArticle>
{
    public WriteArticleValidator() => RuleFor(x => x.Article).SetValidator(new ArticleInputValidator()).OverridePropertyName("");
}

public sealed class WriteArticleHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<WriteArticle, ArticleView>
{
    public async ValueTask<ArticleView> Handle(WriteArticle command, CancellationToken cancellationToken)
    {
        var production = command.ProductionId is { } id
            ? await db.Productions.VisibleTo(user).SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
              ?? throw Invalid.Field("productionId", "No such production.")
            : null;
        var article = KnowledgeArticle.Write(command.Article.ToText(), command.Article.Reliability ?? SourceReliability.InHouseVerified,
            production, user.Actor, clock.GetUtcNow());
        db.Articles.Add(article);
        return await db.ViewAsync(article, cancellationToken);
    }
}
