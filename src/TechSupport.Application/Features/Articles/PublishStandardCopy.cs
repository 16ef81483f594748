using FluentValidation;
using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Articles;

// A manager who may see a classified article publishes an edited, Standard copy of it for all
// staff; the original keeps its classification and text.
[RequiresRole(Role.Manager)]
public sealed record PublishStandardCopy(Guid Id, ArticleInput Article) : ICommand<ArticleView>;

public sealed class PublishStandardCopyValidator : AbstractValidator<PublishStandardCopy>
{
    public PublishStandardCopyValidator() =>
        RuleFor(x => x.Article).SetValidator(new ArticleInputValidator()).OverridePropertyName("");
}

public sealed class PublishStandardCopyHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<PublishStandardCopy, ArticleView>
{
    public async ValueTask<ArticleView> Handle(PublishStandardCopy command, CancellationToken cancellationToken)
    {
        var original = await db.VisibleArticleAsync(user, command.Id, cancellationToken);
        var copy = original.PublishStandardCopy(command.Article.ToText(), user.Actor, clock.GetUtcNow());
        db.Articles.Add(copy);
        return await db.ViewAsync(copy, cancellationToken);
    }
}
