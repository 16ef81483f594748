using FluentValidation;
using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Articles;

[RequiresRole(Role.Engineer)]
public sealed record EditArticle(Guid Id, ArticleInput Article, int? ExpectedVersion = null) : ICommand<ArticleView>, IVersioned;

public sealed class EditArticleValidator : AbstractValidator<EditArticle>
{
    public EditArticleValidator() => RuleFor(x => x.Article).SetValidator(new ArticleInputValidator()).OverridePropertyName("");
}

public sealed class EditArticleHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<EditArticle, ArticleView>
{
    public async ValueTask<ArticleView> Handle(EditArticle command, CancellationToken cancellationToken)
    {
        var article = await db.VisibleArticleAsync(user, command.Id, cancellationToken);
        if (command.ExpectedVersion is { } expected && expected != article.Version)
        {
            throw new PreconditionFailedException();
        }

        article.Edit(command.Article.ToText(), command.Article.Reliability ?? article.Reliability, clock.GetUtcNow());
        return await db.ViewAsync(article, cancellationToken);
    }
}
